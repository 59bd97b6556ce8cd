package org.onecall.dispatch.circle;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.onecall.dispatch.merchant.Merchant;
import org.onecall.dispatch.merchant.MerchantChanged;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.VolunteerChanged;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.Location;
import org.onecall.events.Topics;
import org.onecall.kit.KafkaClients;
import org.onecall.kit.TopicFollower;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every volunteer and merchant is, in memory, on every dispatch-api instance: rebuilt from
 * the database at start, then kept current by every committed change, whichever instance made it.
 *
 * <p>Each instance follows all partitions of the compacted resources topic (no consumer group), on
 * which every resource change is published through the outbox, and reloads each resource it names
 * from the database: the topic says what changed, the database what it is now. So the order in
 * which changes arrive does not matter (a reload reads the latest commit), the topic needs to carry
 * nothing more than it does, and reloads happen on one thread, so a later reload never loses to an
 * earlier one. The instance's own writes show at once (after commit, as before) and are reloaded on
 * that thread too, which repairs an older state put there late by a slow committing thread.
 * Following starts a minute before the start-up rebuild, so no change committed during it is missed.
 */
@Singleton
class ResourceMap {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceMap.class);
    private static final Duration REPLAY = Duration.ofMinutes(1);

    private final Volunteers volunteers;
    private final Merchants merchants;
    private final KafkaClients kafka;
    private final GridBuckets<Volunteer> volunteerCells = new GridBuckets<>();
    private final GridBuckets<Merchant> merchantCells = new GridBuckets<>();
    /** Resource keys ("volunteer-12") this instance wrote, to reload on the follower's thread. */
    private final ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
    private TopicFollower follower;

    ResourceMap(Volunteers volunteers, Merchants merchants,
                KafkaClients kafka) {
        this.volunteers = volunteers;
        this.merchants = merchants;
        this.kafka = kafka;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        // the wall clock, not the application's Clock: Kafka stamps records with the producers' wall clocks
        Instant rebuilding = Instant.now();
        rebuild();
        follower = new TopicFollower(kafka.properties(), Topics.RESOURCES, "dispatch-service-circle",
                rebuilding.minus(REPLAY), this::reload).start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        if (follower != null) {
            follower.close();
        }
    }

    void rebuild() {
        volunteerCells.clear();
        merchantCells.clear();
        volunteers.all().forEach(this::put);
        merchants.all().forEach(this::put);
        LOG.info("service-circle index rebuilt: {} volunteers, {} merchants", volunteerCells.size(),
                merchantCells.size());
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onVolunteer(VolunteerChanged changed) {
        put(changed.volunteer());
        written.add("volunteer-" + changed.volunteer().id());
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onMerchant(MerchantChanged changed) {
        put(changed.merchant());
        written.add("merchant-" + changed.merchant().id());
    }

    List<GridBuckets.Hit<Volunteer>> volunteersWithin(String communityId, Location at, double metres) {
        return volunteerCells.within(at, metres).stream()
                .filter(h -> h.value().communityId().equals(communityId)).toList();
    }

    List<GridBuckets.Hit<Merchant>> merchantsWithin(String communityId, Location at, double metres) {
        return merchantCells.within(at, metres).stream()
                .filter(h -> h.value().communityId().equals(communityId)).toList();
    }

    /** On the follower's thread: what the topic named since the last poll, and this instance's own writes. */
    private void reload(List<ConsumerRecord<String, String>> records) {
        Set<Long> volunteerIds = new HashSet<>();
        Set<Long> merchantIds = new HashSet<>();
        records.forEach(r -> note(r.key(), volunteerIds, merchantIds));
        for (String key; (key = written.poll()) != null; ) {
            note(key, volunteerIds, merchantIds);
        }
        try {
            for (List<Long> chunk : chunks(volunteerIds)) {
                volunteers.byIds(chunk).forEach(this::put);
            }
            for (List<Long> chunk : chunks(merchantIds)) {
                merchants.byIds(chunk).forEach(this::put);
            }
        } catch (RuntimeException e) {
            // the database is away: keep the keys for the next poll rather than lose the change
            volunteerIds.forEach(id -> written.add("volunteer-" + id));
            merchantIds.forEach(id -> written.add("merchant-" + id));
            LOG.warn("service-circle reload failed, retrying: {}", e.toString());
        }
    }

    /** An import writes thousands at once: read them back a thousand at a time. */
    private static List<List<Long>> chunks(Set<Long> ids) {
        List<Long> all = List.copyOf(ids);
        List<List<Long>> out = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += 1000) {
            out.add(all.subList(from, Math.min(all.size(), from + 1000)));
        }
        return out;
    }

    private static void note(String key, Set<Long> volunteerIds, Set<Long> merchantIds) {
        if (key == null) {
            return;
        }
        try {
            if (key.startsWith("volunteer-")) {
                volunteerIds.add(Long.parseLong(key.substring("volunteer-".length())));
            } else if (key.startsWith("merchant-")) {
                merchantIds.add(Long.parseLong(key.substring("merchant-".length())));
            }
        } catch (NumberFormatException e) {
            LOG.debug("not a resource key: {}", key);
        }
    }

    private void put(Volunteer v) {
        volunteerCells.put("volunteer-" + v.id(), v.home(), v);
    }

    private void put(Merchant m) {
        merchantCells.put("merchant-" + m.id(), m.location(), m);
    }
}
