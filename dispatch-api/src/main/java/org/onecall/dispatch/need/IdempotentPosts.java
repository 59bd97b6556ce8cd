package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.onecall.kit.Refusal;

/**
 * {@code Idempotency-Key} for the POSTs that raise needs: the first request with a key does the work
 * and stores, in the same transaction, the key, a hash of the request and the needs it answered;
 * a retry with the same key and body gets the same needs back (a replay) without doing anything;
 * the same key with another body is refused with 422. Two simultaneous requests with one key
 * collide on the key's primary key: one commits, the other rolls back and replays.
 */
@Singleton
class IdempotentPosts {

    /** {@code replay}: nothing was done now; the needs are those the first request answered. */
    record Outcome(List<Raising.Raised> raised, boolean replay) {
    }

    static final String HEADER = "Idempotency-Key";
    static final String REPLAY_HEADER = "Idempotent-Replay";
    private static final Pattern KEY = Pattern.compile("[!-~]{1,100}");

    private final IdempotencyKeyRepository keys;
    private final NeedRepository needs;
    private final FirstTime firstTime;
    private final JsonMapper json;

    IdempotentPosts(IdempotencyKeyRepository keys, NeedRepository needs, FirstTime firstTime, JsonMapper json) {
        this.keys = keys;
        this.needs = needs;
        this.firstTime = firstTime;
        this.json = json;
    }

    Outcome run(@Nullable String key, String endpoint, Object request, Supplier<List<Raising.Raised>> work) {
        if (key == null) {
            return new Outcome(work.get(), false);
        }
        if (!KEY.matcher(key).matches()) {
            throw Refusal.invalid(HEADER, "must be 1 to 100 printable ASCII characters");
        }
        String hash = hash(endpoint, request);
        Optional<Outcome> earlier = replay(key, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return new Outcome(firstTime.run(key, hash, work), false);
        } catch (Refusal refusal) {
            throw refusal;
        } catch (RuntimeException e) {
            // most likely the same key committed by a simultaneous request: answer as its replay
            return replay(key, hash).orElseThrow(() -> e);
        }
    }

    private Optional<Outcome> replay(String key, String hash) {
        return keys.findById(key).map(row -> {
            if (!row.requestHash().equals(hash)) {
                throw Refusal.unprocessable(HEADER, "this key was already used for a different request; "
                        + "use a new key for a new request");
            }
            List<Raising.Raised> raised = new ArrayList<>();
            for (String part : row.needIds().split(",")) {
                String[] idAndKind = part.split(":");
                Need need = needs.findById(Long.parseLong(idAndKind[0])).orElseThrow();
                raised.add(new Raising.Raised(need, "A".equals(idAndKind[1])));
            }
            return new Outcome(raised, true);
        });
    }

    private String hash(String endpoint, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(endpoint.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its own bean so the transaction wraps the work and the key together. */
    @Singleton
    static class FirstTime {

        private final IdempotencyKeyRepository keys;
        private final Clock clock;

        FirstTime(IdempotencyKeyRepository keys, Clock clock) {
            this.keys = keys;
            this.clock = clock;
        }

        @Transactional
        List<Raising.Raised> run(String key, String hash, Supplier<List<Raising.Raised>> work) {
            List<Raising.Raised> raised = work.get();
            String ids = raised.stream().map(r -> r.need().id() + (r.attached() ? ":A" : ":N"))
                    .collect(Collectors.joining(","));
            keys.save(new IdempotencyKeyRow(key, hash, ids, clock.instant()));
            return raised;
        }
    }
}
