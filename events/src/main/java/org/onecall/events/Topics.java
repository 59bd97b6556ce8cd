package org.onecall.events;

import java.util.List;

/** Kafka topic names. Keys: community id, except the compacted topics (resource id, account). */
public final class Topics {
    /** Every state change of needs and offers, written by dispatch-api through its outbox. */
    public static final String NEEDS = "onecall.needs";
    /** Proposals from the matcher; dispatch-api decides. */
    public static final String MATCHES = "onecall.matches";
    /** Compacted: latest state of each volunteer and merchant, so a restarted matcher can rebuild its index. */
    public static final String RESOURCES = "onecall.resources";
    /** Needs arriving from other systems (12345 work orders, grid members' phones). */
    public static final String INTAKE = "onecall.intake";
    /** Compacted: whether each account may sign in and which of its tokens are revoked (notifier refuses them too). */
    public static final String ACCOUNTS = "onecall.accounts";
    /** Messages a consumer could not handle, with the reason in the headers. */
    public static final String DEAD_LETTER = "onecall.deadletter";

    public static final List<String> ALL = List.of(NEEDS, MATCHES, RESOURCES, INTAKE, ACCOUNTS, DEAD_LETTER);
    public static final List<String> COMPACTED = List.of(RESOURCES, ACCOUNTS);

    /** Header on dead-letter records. */
    public static final String HEADER_DLQ_REASON = "onecall-dlq-reason";
    public static final String HEADER_DLQ_SOURCE = "onecall-dlq-source";

    private Topics() {
    }
}
