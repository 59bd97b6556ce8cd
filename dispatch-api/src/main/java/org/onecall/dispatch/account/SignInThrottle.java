package org.onecall.dispatch.account;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.onecall.kit.Refusal;

/**
 * Wrong passwords slow down the address that sends them, for that account only (OWASP authentication
 * cheat sheet: throttle, do not lock). After {@code max-failed-logins} wrong passwords for one account
 * from one address, that address waits {@code sign-in-delay} before its next try for the account, twice
 * as long after each further failure, at most {@code sign-in-max-delay}. The same person from another
 * address, and every other account, are not slowed at all: a stranger can no longer lock staff out,
 * and brute force from one address gets a handful of guesses an hour. A right password from an address
 * clears its count; usernames that do not exist are throttled the same way (no hint which exist).
 */
@Singleton
class SignInThrottle {

    private final ThrottleRepository rows;
    private final Clock clock;
    private final int freeFailures;
    private final Duration firstDelay;
    private final Duration maxDelay;

    SignInThrottle(ThrottleRepository rows, Clock clock,
                   @Value("${onecall.security.max-failed-logins:5}") int freeFailures,
                   @Value("${onecall.security.sign-in-delay:30s}") Duration firstDelay,
                   @Value("${onecall.security.sign-in-max-delay:15m}") Duration maxDelay) {
        this.rows = rows;
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    /** Refuses (429, with the wait) while this address must wait before trying this account again. */
    void check(String username, String address) {
        Instant now = clock.instant();
        rows.findByUsernameAndAddress(username, address).map(ThrottleRow::blockedUntil)
                .filter(until -> until.isAfter(now))
                .ifPresent(until -> {
                    long seconds = Math.max(1, Duration.between(now, until).toSeconds());
                    // "locked ... until <instant> " is what the sign-in page reads to say until when
                    throw Refusal.tooMany("密码错误次数过多，请 " + seconds + " 秒后再试。Too many wrong passwords"
                            + " for this account from your address: locked for this address until "
                            + until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (in " + seconds
                            + " s); other addresses are not affected.");
                });
    }

    /** Counts a wrong password; returns until when the address must now wait, if it must. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<Instant> failed(String username, String address) {
        Instant now = clock.instant();
        rows.ensure(username, address, now);
        rows.countFailure(username, address, now);
        int failures = rows.findByUsernameAndAddress(username, address).map(ThrottleRow::failures).orElse(1);
        if (failures < freeFailures) {
            return Optional.empty();
        }
        Instant until = now.plus(delayAfter(failures));
        rows.block(username, address, until);
        return Optional.of(until);
    }

    /** The wait after the {@code failures}-th wrong password: doubling from the first delay, capped. */
    Duration delayAfter(int failures) {
        int doublings = Math.min(30, Math.max(0, failures - freeFailures));
        Duration d = firstDelay.multipliedBy(1L << doublings);
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void succeeded(String username, String address) {
        rows.deleteByUsernameAndAddress(username, address);
        rows.forgetBefore(clock.instant().minus(maxDelay.multipliedBy(4)));
    }

    /** An admin's unlock or new password: every address starts afresh. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void clear(String username) {
        rows.deleteByUsername(username);
    }
}
