package org.onecall.notifier;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.onecall.events.AccountEvents.AccountAccessChanged;
import org.onecall.events.EventJson;
import org.onecall.events.Topics;
import org.onecall.kit.DeadLetters;
import org.onecall.kit.KafkaClients;
import org.onecall.kit.TopicFollower;
import org.onecall.kit.security.TokenRevocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The accounts dispatch-api switched off, learned from the compacted accounts topic: the notifier
 * has no accounts table, yet must refuse the same tokens. Read from the beginning at every start
 * (every instance, no consumer group); until it has read what the topic held, every token is
 * refused, because an unread switch-off would let a revoked token in. Start-up waits for it, so
 * the server normally opens already knowing.
 */
@Singleton
@Requires(beans = KafkaClients.class) // not in the tests of the delivery tables alone, which run without Kafka
class SwitchedOffAccounts implements TokenRevocations {

    static final String CONSUMER = "notifier.accounts";
    private static final Logger LOG = LoggerFactory.getLogger(SwitchedOffAccounts.class);
    private static final Duration START_WAIT = Duration.ofSeconds(30);

    private final DeadLetters deadLetters;
    private final TopicFollower follower;
    private final Map<String, AccountAccessChanged> byUsername = new ConcurrentHashMap<>();
    /** Usernames whose tokens were just revoked, so their open streams can be closed. */
    private final Sinks.Many<String> revoked = Sinks.many().multicast().directBestEffort();

    SwitchedOffAccounts(KafkaClients clients, DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.follower = new TopicFollower(clients.properties(), Topics.ACCOUNTS, "notifier-accounts", null, this::apply);
    }

    @EventListener
    void onStartup(StartupEvent event) throws InterruptedException {
        follower.start();
        if (follower.awaitCaughtUp(START_WAIT)) {
            LOG.info("account switches read: {} accounts with revoked tokens", byUsername.size());
        } else {
            LOG.warn("could not read {} within {}: refusing every token until it is read", Topics.ACCOUNTS, START_WAIT);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        follower.close();
    }

    @Override
    public boolean refuses(String username, @Nullable Instant issuedAt) {
        if (!follower.isCaughtUp()) {
            return true;
        }
        AccountAccessChanged state = byUsername.get(username);
        return state != null && state.refuses(issuedAt);
    }

    /**
     * Emits once a token of the account issued at {@code issuedAt} is refused: at once if it already
     * is (a switch read after the token was checked, before this was subscribed), else at the switch.
     */
    Flux<String> revocationOf(String username, @Nullable Instant issuedAt) {
        // subscribed in order: listening first, then looking, so a switch in between is not missed
        return Flux.merge(revoked.asFlux().filter(username::equals),
                        Mono.fromCallable(() -> refuses(username, issuedAt) ? username : null))
                .take(1);
    }

    private void apply(List<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> r : records) {
            if (r.value() == null) {
                continue;
            }
            try {
                if (EventJson.read(r.value()).typedPayload() instanceof AccountAccessChanged changed) {
                    byUsername.put(changed.username(), changed);
                    if (changed.refuses(Instant.now())) {
                        revoked.tryEmitNext(changed.username());
                    }
                }
            } catch (RuntimeException e) {
                deadLetters.park(r, CONSUMER, e.getMessage());
            }
        }
    }
}
