package org.onecall.events;

import java.time.Instant;

/**
 * Accounts' sign-in state, for the services that accept tokens but do not own accounts (the
 * notifier). Written by dispatch-api through its outbox to the compacted {@link Topics#ACCOUNTS}
 * topic keyed by {@link #aggregateId()}: the last record per account is its whole state, so a
 * restarted notifier learns every switch-off from the topic alone. An account is not one
 * community's: the envelope's {@code communityId} is {@link #NO_COMMUNITY}.
 */
public final class AccountEvents {

    public static final String NO_COMMUNITY = "";

    /**
     * An admin switched the account off or on.
     *
     * @param volunteerId      the volunteer the account signs in as; null for staff
     * @param tokensValidAfter tokens issued (iat) before it are refused; null when never revoked
     */
    public record AccountAccessChanged(String username, Long volunteerId, boolean active, Instant tokensValidAfter)
            implements EventPayload {
        public String aggregateId() { return "account-" + username; }

        /** Whether a token of this account issued at {@code issuedAt} (null: unknown) is refused. */
        public boolean refuses(Instant issuedAt) {
            if (!active) {
                return true;
            }
            return tokensValidAfter != null && (issuedAt == null || issuedAt.isBefore(tokensValidAfter));
        }
    }

    private AccountEvents() {
    }
}
