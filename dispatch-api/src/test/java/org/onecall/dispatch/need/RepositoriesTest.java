package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.onecall.dispatch.DispatchTest;
import org.onecall.dispatch.community.Community;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.HouseholdRepository;
import org.onecall.dispatch.inbox.Inbox;
import org.onecall.dispatch.merchant.Merchant;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.volunteer.NewVolunteer;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.Category;

/**
 * The schema and every repository, on H2 and PostgreSQL: Flyway's V1 applies, rows come back as
 * written (instants, enums, nulls, Chinese text), and the conditional updates the lifecycle relies
 * on change a row only when their condition holds.
 *
 * <p>The JVM runs in China Standard Time here, where the service is deployed: an instant must not
 * move by eight hours on its way through the database.
 */
abstract class RepositoriesTest extends DispatchTest {

    /** Microsecond precision: what both databases keep. */
    private static final Instant T0 = Instant.parse("2024-03-01T08:15:30.123456Z");
    private static final Set<String> TABLES = Set.of("community", "household", "volunteer", "merchant", "need",
            "offer", "need_history", "outbox", "processed_event");


    @Inject CommunityRepository communities;
    @Inject HouseholdRepository households;
    @Inject NeedRepository needs;
    @Inject NeedHistoryRepository history;
    @Inject OfferRepository offers;
    @Inject Volunteers volunteers;
    @Inject Merchants merchants;
    @Inject Inbox inbox;
    @Inject TransactionOperations<Connection> tx;

    RepositoriesTest() {
        assertEquals("Asia/Shanghai", TimeZone.getDefault().getID(), "surefire runs these tests in China's zone");
    }

    @Test
    void flywayAppliedEveryMigrationCleanlyAndCreatedEveryTable() {
        List<Map<String, Object>> applied = db.rows("SELECT version, description, success FROM flyway_schema_history"
                + " WHERE version IS NOT NULL ORDER BY installed_rank");
        assertEquals("1", applied.get(0).get("version"));
        assertEquals("foundation", applied.get(0).get("description"));
        assertTrue(applied.stream().allMatch(m -> Boolean.TRUE.equals(m.get("success"))), applied::toString);
        List<String> files = migrationVersions();
        assertEquals(files, applied.stream().map(m -> (String) m.get("version")).toList(),
                "every migration file applied, in order");

        Set<String> tables = db.rows("SELECT LOWER(table_name) AS t FROM information_schema.tables"
                        + " WHERE LOWER(table_schema) = 'public'").stream()
                .map(r -> (String) r.get("t")).collect(Collectors.toSet());
        assertTrue(tables.containsAll(TABLES), () -> "tables: " + tables);
    }

    /** The versions of the migration files shipped in the jar, in version order. */
    private static List<String> migrationVersions() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                RepositoriesTest.class.getResource("/db/dispatch").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void communitiesAndHouseholdsComeBackAsWritten() {
        Community community = communities.save(new Community("r-" + suffix(), "兴华南里社区 Xinghua Nanli", null, T0));
        assertEquals(community, communities.findById(community.id()).orElseThrow());
        assertEquals(T0, communities.findById(community.id()).orElseThrow().createdAt());

        Household noGrid = households.save(new Household(null, community.id(), null, "钱奶奶", "1390002" + digits(),
                "兴华南里2号楼", "北京市大兴区兴华南里2号楼1单元502", 39.7275123, 116.3405456, T0,
                null, null, null, null, "", null, null, false, null, T0, "", 0));
        Household read = households.findById(noGrid.id()).orElseThrow();
        assertEquals(noGrid, read);
        assertNull(read.grid());
        assertEquals("北京市大兴区兴华南里2号楼1单元502", read.address());
        assertEquals(List.of(noGrid), households.findByPhone(noGrid.phone()));
        assertEquals(List.of(noGrid), households.findByCommunityId(community.id()));
    }

    @Test
    void volunteersAndMerchantsComeBackAsWritten() {
        String community = community();
        Volunteer v = volunteers.register(community, new NewVolunteer("王秀英", "+86 138-0001-0002",
                List.of(Category.MEALS, Category.HOME_CARE, Category.MEALS), 39.7281, 116.3399, 3, false));
        Volunteer read = volunteers.get(v.id());
        assertSameRecord(v, read);
        assertEquals(List.of("MEALS", "HOME_CARE"), read.skillList());
        assertEquals("13800010002", read.phone(), "volunteer phones are kept in one form, the 11 digits");
        assertFalse(read.onDuty());
        assertEquals(3, read.maxConcurrentJobs());
        assertEquals(0, read.activeJobs());
        assertEquals(List.of(v.id()), volunteers.inCommunity(community).stream().map(Volunteer::id).toList());

        Merchant m = merchants.register(community, "兴华大药房", List.of("MEDICINE", "ERRANDS"), 39.7285, 116.3395, 40);
        assertEquals(1, merchants.inCommunity(community).size());
        assertSameRecord(m, merchants.inCommunity(community).get(0));
        assertEquals("MEDICINE,ERRANDS", m.categories());
        assertTrue(m.isOpen());
    }

    @Test
    void needsHistoryAndOffersComeBackAsWritten() {
        Household h = household();
        Need need = needs.save(new Need(null, h.communityId(), h.id(), "MEDICINE", Urgency.URGENT,
                "吉野家的“𠮷”字，药名：硝苯地平", NeedStatus.MATCHING, "operator-wang", "HOTLINE", 1, null, null, T0,
                T0.plusMillis(1), "12345-WO-0001", true, T0.plusSeconds(3600), T0.plusSeconds(7200), T0.plusSeconds(7200)));
        Need read = needs.findById(need.id()).orElseThrow();
        assertEquals(need, read);
        assertEquals(Urgency.URGENT, read.urgency());
        assertEquals(NeedStatus.MATCHING, read.status());
        assertNull(read.volunteerId());
        assertNull(read.rating());
        assertEquals(T0.plusMillis(1), read.updatedAt());

        NeedHistoryEntry first = history.save(new NeedHistoryEntry(null, need.id(), T0, "NeedRaised", null,
                NeedStatus.OPEN, "operator-wang", null));
        NeedHistoryEntry second = history.save(new NeedHistoryEntry(null, need.id(), T0.plusSeconds(1),
                "MatchingStarted", NeedStatus.OPEN, NeedStatus.MATCHING, "operator-wang", "接线员已登记"));
        assertEquals(List.of(first, second), history.findByNeedIdOrderById(need.id()));

        long volunteer = api.volunteer(h.communityId());
        // made tomorrow: the running expiry job (real clock) must not expire it while the test reads it back
        Instant made = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        Offer offer = offers.save(new Offer(null, need.id(), volunteer, 1, OfferStatus.PENDING, 320, made,
                made.plus(10, ChronoUnit.MINUTES), null, null));
        assertEquals(offer, offers.findById(offer.id()).orElseThrow());
        assertEquals(List.of(offer), offers.findByNeedIdOrderById(need.id()));
        assertEquals(List.of(offer), offers.findByVolunteerIdAndStatusOrderByIdDesc(volunteer, OfferStatus.PENDING));
        assertEquals(List.of(), offers.findByVolunteerIdAndStatusOrderByIdDesc(volunteer, OfferStatus.ACCEPTED));
        assertTrue(offers.findDue(made.plus(11, ChronoUnit.MINUTES)).contains(offer));
        assertFalse(offers.findDue(made.plus(9, ChronoUnit.MINUTES)).contains(offer));
    }

    @Test
    void theCoordinatorQueueFiltersByCommunityAndStatus() {
        Household h = household();
        Need matching = needs.save(need(h, NeedStatus.MATCHING, T0));
        Need unmatched = needs.save(need(h, NeedStatus.UNMATCHED, T0.plusSeconds(1)));
        needs.save(need(household(), NeedStatus.UNMATCHED, T0));

        assertEquals(List.of(matching, unmatched), needs.findByCommunityIdAndStatusInOrderByCreatedAt(
                h.communityId(), List.of(NeedStatus.MATCHING, NeedStatus.UNMATCHED)));
        assertEquals(List.of(unmatched), needs.findByCommunityIdAndStatusInOrderByCreatedAt(
                h.communityId(), List.of(NeedStatus.UNMATCHED)));
        assertEquals(List.of(unmatched, matching), needs.findByCommunityIdOrderByCreatedAtDesc(h.communityId()));
    }

    @Test
    void transitionChangesOnlyARowWhoseStatusAndRoundMatch() {
        Need need = needs.save(need(household(), NeedStatus.MATCHING, T0));
        Instant later = T0.plusSeconds(60);

        assertEquals(0, needs.transition(need.id(), "OFFERED", 1, "ASSIGNED", 1, 7L, null, later), "wrong status");
        assertEquals(0, needs.transition(need.id(), "MATCHING", 2, "OFFERED", 2, null, null, later), "wrong round");
        assertEquals(need, needs.findById(need.id()).orElseThrow());

        assertEquals(1, needs.transition(need.id(), "MATCHING", 1, "UNMATCHED", 1, null, 4, later));
        Need moved = needs.findById(need.id()).orElseThrow();
        assertEquals(NeedStatus.UNMATCHED, moved.status());
        assertEquals(4, moved.rating());
        assertEquals(later, moved.updatedAt());
        assertEquals(0, needs.transition(need.id(), "MATCHING", 1, "OFFERED", 1, null, null, later),
                "the same change a second time");
    }

    @Test
    void takeJobRefusesBeyondTheLimitAndWhenOffDuty() {
        String community = community();
        long v = api.volunteer(community, true, 2);
        assertTrue(takeJob(v));
        assertTrue(takeJob(v));
        assertFalse(takeJob(v), "a third job with max_concurrent_jobs = 2");
        assertEquals(2, volunteers.get(v).activeJobs());

        tx.executeWrite(s -> {
            volunteers.releaseJob(v);
            return null;
        });
        volunteers.setOnDuty(v, false);
        assertFalse(takeJob(v), "off duty, although a slot is free");
        assertEquals(1, volunteers.get(v).activeJobs());
    }

    @Test
    void respondChangesOnlyPendingOffers() {
        Need need = needs.save(need(household(), NeedStatus.OFFERED, T0));
        long volunteer = api.volunteer(need.communityId());
        Offer offer = offers.save(new Offer(null, need.id(), volunteer, 1, OfferStatus.PENDING, 100, T0,
                T0.plusSeconds(600), null, null));

        assertEquals(1, offers.respond(offer.id(), "ACCEPTED", T0.plusSeconds(5)));
        assertEquals(0, offers.respond(offer.id(), "EXPIRED", T0.plusSeconds(700)));
        Offer read = offers.findById(offer.id()).orElseThrow();
        assertEquals(OfferStatus.ACCEPTED, read.status());
        assertEquals(T0.plusSeconds(5), read.respondedAt());
    }

    @Test
    void inboxSaysFirstTimeOncePerConsumerAndEvent() {
        UUID event = UUID.randomUUID();
        assertTrue(firstTime("dispatch-api.test", event));
        assertFalse(firstTime("dispatch-api.test", event));
        assertTrue(firstTime("another-consumer", event));
        assertTrue(firstTime("dispatch-api.test", UUID.randomUUID()));
        assertEquals(2, db.count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", event));
    }

    /**
     * Component by component; instants made by the service's clock carry nanoseconds, which both
     * databases keep to the microsecond (H2 rounds, PostgreSQL truncates).
     */
    private static void assertSameRecord(Record expected, Record actual) {
        assertEquals(expected.getClass(), actual.getClass());
        for (RecordComponent c : expected.getClass().getRecordComponents()) {
            Object e = value(c, expected);
            Object a = value(c, actual);
            if (e instanceof Instant ei && a instanceof Instant ai) {
                assertTrue(Duration.between(ei, ai).abs().compareTo(Duration.ofNanos(1_000)) < 0,
                        () -> c.getName() + ": " + ei + " came back as " + ai);
            } else {
                assertEquals(e, a, c.getName());
            }
        }
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean takeJob(long volunteer) {
        return tx.executeWrite(s -> volunteers.takeJob(volunteer));
    }

    private boolean firstTime(String consumer, UUID event) {
        return tx.executeWrite(s -> inbox.firstTime(consumer, event));
    }

    private String community() {
        return communities.save(new Community("r-" + suffix(), "测试社区", null, T0)).id();
    }

    private Household household() {
        return households.save(new Household(null, community(), "grid-1", "赵大爷", "13900020001", "1号楼",
                "1号楼2单元301", 39.7275, 116.3405, T0, null, null, null, null, "", null, null, false, null, T0, "", 0));
    }

    private static Need need(Household h, NeedStatus status, Instant at) {
        return new Need(null, h.communityId(), h.id(), "ERRANDS", Urgency.TODAY, "买菜", status, "operator-wang",
                "HOTLINE", 1, null, null, at, at, null, false, null, null, at.plusSeconds(8 * 3600));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    private static String digits() {
        return Long.toString(1000 + (long) (Math.random() * 9000));
    }
}
