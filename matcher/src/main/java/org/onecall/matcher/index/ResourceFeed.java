package org.onecall.matcher.index;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.onecall.events.EventJson;
import org.onecall.events.EventPayload;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.events.Topics;
import org.onecall.kit.KafkaClients;
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
    private final KafkaClients clients;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private Thread thread;

    ResourceFeed(ResourceIndex index, KafkaClients clients) {
        this.index = index;
        this.clients = clients;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "matcher-resource-feed");
        thread.setDaemon(true);
        thread.start();
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props())) {
                consumer = c;
                List<TopicPartition> partitions = c.partitionsFor(Topics.RESOURCES, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = c.endOffsets(partitions);
                while (running) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                        apply(r);
                    }
                    if (caughtUp.getCount() > 0 && end.entrySet().stream()
                            .allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        LOG.info("resource index rebuilt: {} volunteers", index.volunteerCount());
                        caughtUp.countDown();
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("resource feed failed, reconnecting: {}", e.toString());
                }
            }
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

    private Properties props() {
        // bootstrap servers and the matcher's sign-in, as its listener has them
        Properties p = clients.properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "matcher-resources-" + ProcessHandle.current().pid());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }
}
