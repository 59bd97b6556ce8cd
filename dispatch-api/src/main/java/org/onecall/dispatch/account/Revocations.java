package org.onecall.dispatch.account;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.onecall.events.AccountEvents.AccountAccessChanged;
import org.onecall.kit.security.TokenRevocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which accounts' tokens are refused, in memory: the token check runs on the event loop for every
 * request and must not wait for the database. Loaded at start, changed at once by this instance's
 * own switches, and read again every {@code onecall.security.revocation-refresh} so that every
 * dispatch-api instance refuses a switched-off account within seconds.
 */
@Singleton
class Revocations implements TokenRevocations {

    private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);

    /** A switch made here, with when (System.nanoTime) it was known, so a slower refresh cannot undo it. */
    private record Local(AccountAccessChanged revocation, long at) {
    }

    private final AccountRepository accounts;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final Map<String, Local> local = new HashMap<>();
    private volatile Map<String, AccountAccessChanged> byUsername = Map.of();

    Revocations(AccountRepository accounts, Clock clock,
                @Value("${onecall.security.token-lifetime-seconds:43200}") int tokenLifetimeSeconds) {
        this.accounts = accounts;
        this.clock = clock;
        this.tokenLifetime = Duration.ofSeconds(tokenLifetimeSeconds);
    }

    @Override
    public boolean refuses(String username, @Nullable Instant issuedAt) {
        AccountAccessChanged r = byUsername.get(username);
        return r != null && r.refuses(issuedAt);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        refresh();
    }

    @Scheduled(fixedDelay = "${onecall.security.revocation-refresh:5s}",
            initialDelay = "${onecall.security.revocation-refresh:5s}")
    void refresh() {
        long started = System.nanoTime();
        Map<String, AccountAccessChanged> loaded = new HashMap<>();
        try {
            // a revocation older than the token lifetime no longer matters: every token it refused has expired
            for (Account a : accounts.findRevoked(clock.instant().minus(tokenLifetime))) {
                loaded.put(a.username(), a.accessState());
            }
        } catch (RuntimeException e) {
            // keep refusing what we knew: a database hiccup must not revive revoked tokens
            LOG.warn("could not read account revocations; keeping the last known ({})", e.getMessage());
            return;
        }
        synchronized (this) {
            // switches made here after the read began may be missing from it: they win until the next read
            local.values().removeIf(l -> l.at() - started < 0);
            local.forEach((username, l) -> loaded.put(username, l.revocation()));
            byUsername = Map.copyOf(loaded);
        }
    }

    /** After the switch has been committed: this instance refuses (or accepts again) from the next request. */
    synchronized void changed(Account a) {
        AccountAccessChanged r = a.accessState();
        local.put(a.username(), new Local(r, System.nanoTime()));
        Map<String, AccountAccessChanged> next = new HashMap<>(byUsername);
        next.put(a.username(), r);
        byUsername = Map.copyOf(next);
    }
}
