package org.onecall.dispatch.merchant;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.TimeWindow;
import org.onecall.kit.Refusal;
import org.onecall.kit.UniqueViolation;

/** Merchants and partner units. Every change publishes the whole state (hours, capacity) for the matcher. */
@Singleton
public class Merchants {

    /** The unique constraint on (community_id, name), V7: a second line for the same shop is a mistake. */
    static final String NAME_ONCE = "merchant_name_once";

    private final MerchantRepository merchants;
    private final MerchantOfferingRepository offerings;
    private final CommunityRepository communities;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId zone;
    private final ApplicationEventPublisher<MerchantChanged> changed;

    Merchants(MerchantRepository merchants, MerchantOfferingRepository offerings, CommunityRepository communities,
              Outbox outbox, Clock clock, @Value("${onecall.community.time-zone:Asia/Shanghai}") String zone,
              ApplicationEventPublisher<MerchantChanged> changed) {
        this.merchants = merchants;
        this.offerings = offerings;
        this.communities = communities;
        this.outbox = outbox;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        this.changed = changed;
    }

    /** The short form the demo uses: a shop, open with no weekly limit, delivering, described by category name. */
    @Transactional
    public Merchant register(String communityId, String name, List<String> categories, double lat, double lon,
                             int dailyCapacity) {
        return register(communityId, new NewMerchant(name, Merchant.MerchantKind.MERCHANT, categories.stream()
                .map(c -> new NewMerchant.Offering(org.onecall.events.Category.valueOf(c),
                        org.onecall.events.Category.valueOf(c).zh()))
                .toList(), lat, lon, dailyCapacity, Merchant.Fulfilment.BOTH, List.of(), null, null));
    }

    @Transactional
    public Merchant register(String communityId, NewMerchant r) {
        return registerAll(communityId, List.of(r), done -> { }).get(0);
    }

    /**
     * Registers many in the caller's transaction (an import: all or nothing), inserting in batches
     * and reporting how many are done after each batch.
     */
    @Transactional
    public List<Merchant> registerAll(String communityId, List<NewMerchant> rows, IntConsumer progress) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        Instant now = clock.instant();
        List<Merchant> saved = new ArrayList<>(rows.size());
        int batch = 500;
        for (int from = 0; from < rows.size(); from += batch) {
            List<NewMerchant> chunk = rows.subList(from, Math.min(rows.size(), from + batch));
            List<Merchant> merchantsNow = new ArrayList<>(chunk.size());
            saveAll(chunk.stream().map(r -> newMerchant(communityId, r, now)).toList()).forEach(merchantsNow::add);
            List<MerchantOffering> offered = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                for (NewMerchant.Offering o : chunk.get(i).offerings()) {
                    offered.add(new MerchantOffering(null, merchantsNow.get(i).id(), o.category().name(),
                            o.description().strip()));
                }
            }
            offerings.saveAll(offered);
            for (Merchant m : merchantsNow) {
                saved.add(publish(m));
            }
            progress.accept(saved.size());
        }
        return saved;
    }

    /** The constraint decides, also between two instances registering the same name at once. */
    private Iterable<Merchant> saveAll(List<Merchant> chunk) {
        try {
            return merchants.saveAll(chunk);
        } catch (RuntimeException e) {
            if (UniqueViolation.of(e, NAME_ONCE)) {
                throw Refusal.conflict("name", chunk.size() == 1
                        ? "a merchant or partner unit named " + chunk.get(0).name() + " is already registered in "
                        + chunk.get(0).communityId()
                        : "a name in these rows is already registered in " + chunk.get(0).communityId());
            }
            throw e;
        }
    }

    private static Merchant newMerchant(String communityId, NewMerchant r, Instant now) {
        List<String> categories = r.offerings().stream().map(o -> o.category().name()).distinct().toList();
        if (categories.size() != r.offerings().size()) {
            throw Refusal.invalid("offerings", "each category may be offered once");
        }
        return new Merchant(null, communityId, r.name().strip(), String.join(",", categories), r.lat(), r.lon(),
                true, r.dailyCapacity(), now, r.kind(), r.phone() == null ? null : r.phone().replaceAll("[^0-9+]", ""),
                r.address() == null ? null : r.address().strip(),
                TimeWindow.formatAll(r.openingHours() == null ? List.of() : r.openingHours()), r.fulfilment(), 0, null);
    }

    @Transactional
    public Merchant setOpen(long id, boolean open) {
        if (merchants.setOpen(id, open) == 0) {
            throw Refusal.notFound("merchant", id);
        }
        return publish(get(id));
    }

    /**
     * Counts one job for the merchant today if it is in the community, open now (switch and hours)
     * and below its daily capacity; returns false otherwise: a result, not an error.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean countJob(long merchantId, String communityId) {
        Optional<Merchant> m = merchants.findById(merchantId);
        if (m.isEmpty() || !openNow(m.get())
                || merchants.countJob(merchantId, communityId, LocalDate.now(clock.withZone(zone))) == 0) {
            return false;
        }
        publish(get(merchantId));
        return true;
    }

    /** Gives back a job counted at {@code countedAt} (an offer declined, expired or withdrawn), on that day only. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void uncountJob(long merchantId, Instant countedAt) {
        if (merchants.uncountJob(merchantId, LocalDate.ofInstant(countedAt, zone)) > 0) {
            publish(get(merchantId));
        }
    }

    /** Jobs counted today, in the community's time zone. */
    public int jobsToday(Merchant m) {
        return m.jobsOn(LocalDate.now(clock.withZone(zone)));
    }

    public Merchant get(long id) {
        return merchants.findById(id).orElseThrow(() -> Refusal.notFound("merchant", id));
    }

    /** Names as stored (stripped), for an import's duplicate check. */
    public Set<String> namesIn(String communityId) {
        return new HashSet<>(merchants.findNameByCommunityId(communityId));
    }

    public List<Merchant> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : merchants.findByIdIn(ids);
    }

    public List<Merchant> inCommunity(String communityId) {
        return merchants.findByCommunityId(communityId);
    }

    public Iterable<Merchant> all() {
        return merchants.findAll();
    }

    public List<MerchantOffering> offeringsOf(long merchantId) {
        return offerings.findByMerchantIdOrderByCategory(merchantId);
    }

    public List<MerchantOffering> offeringsOf(List<Merchant> list) {
        return list.isEmpty() ? List.of()
                : offerings.findByMerchantIdInOrderByMerchantId(list.stream().map(Merchant::id).toList());
    }

    /** Open by its own switch and within its hours right now, in the community's time zone. */
    public boolean openNow(Merchant m) {
        return state(m).openAt(clock.instant());
    }

    private Merchant publish(Merchant m) {
        outbox.resourceState(m.communityId(), state(m));
        changed.publishEvent(new MerchantChanged(m));
        return m;
    }

    MerchantStateChanged state(Merchant m) {
        return new MerchantStateChanged(m.id(), m.communityId(), m.name(), m.categoryList(), m.location(), m.isOpen(),
                m.dailyCapacity(), m.kind().name(), m.hours(), m.fulfilment().name(), zone.getId(), m.jobsCounted(),
                m.countedOn());
    }

    static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }
}
