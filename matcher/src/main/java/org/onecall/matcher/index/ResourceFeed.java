package org.onecall.matcher.index;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.events.Topics;
import org.onecall.kit.KafkaClients;
import org.onecall.kit.TopicFollower;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted resources topic from the beginning on every start, without a consumer group
 * (every matcher instance needs every resource), and keeps tailing it. Matching waits for
 * {@link #awaitCaughtUp} so a freshly started matcher never answers "nobody" from an empty index.
 */
@Singleton
public class ResourceFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceFeed.class);

    private final ResourceIndex index;
    private final TopicFollower follower;
    private volatile boolean announced;

    ResourceFeed(ResourceIndex index, KafkaClients clients) {
        this.index = index;
        // bootstrap servers and the matcher's sign-in, as its listeners have them
        this.follower = new TopicFollower(clients.properties(), Topics.RESOURCES, "matcher-resource-feed", null,
                this::apply);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        follower.start();
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUp(timeout);
    }

    public boolean isCaughtUp() {
        return follower.isCaughtUp();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        follower.close();
    }

    private void apply(List<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> r : records) {
            apply(r);
        }
        if (!announced && follower.isCaughtUp()) {
            announced = true;
            LOG.info("resource index rebuilt: {} volunteers", index.volunteerCount());
        }
    }

    private void apply(ConsumerRecord<String, String> r) {
        if (r.value() == null) {
            return;
        }
        try {
            EventPayload p = EventJson.read(r.value()).typedPayload();
            if (p instanceof VolunteerStateChanged v) {
                index.put(v);
            } else if (p instanceof MerchantStateChanged m) {
                index.put(m);
            }
        } catch (RuntimeException e) {
            // a compacted topic is state, not a queue: skipping one bad record keeps the rest usable
            LOG.warn("skipping unreadable resource record {}@{}: {}", r.key(), r.offset(), e.getMessage());
        }
    }
}
