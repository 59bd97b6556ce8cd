package org.onecall.kit.security;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What a service knows of switched-off accounts: dispatch-api from its accounts table, the
 * notifier from the accounts topic. {@link RevokedTokens} asks every one of them (standalone runs
 * both in one process). Answers from memory: it is asked on the event loop for every request.
 */
public interface TokenRevocations {

    /** Whether a token of {@code username} issued at {@code issuedAt} (null: unknown) must be refused. */
    boolean refuses(String username, @Nullable Instant issuedAt);
}
