package org.onecall.dispatch.need;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.onecall.dispatch.account.Accounts;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.department.Department;
import org.onecall.dispatch.department.Departments;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.kit.Refusal;
import org.onecall.kit.security.CurrentCaller;

/**
 * The coordinator's queue: every open need of the caller's scope with what a person needs to act on it,
 * by name (resident, holder, volunteers it is offered to, people told, department), its age against its
 * service target as a colour, and where it stands on the ladder. Waiting needs come first (unmatched and
 * escalated on top), then the soonest due.
 */
@Singleton
class CoordinatorQueue {

    /** Everything not yet served or cancelled; DONE waits for the call-back, which is the operator's list. */
    static final Set<NeedStatus> OPEN = EnumSet.of(NeedStatus.OPEN, NeedStatus.MATCHING, NeedStatus.OFFERED,
            NeedStatus.ASSIGNED, NeedStatus.ON_SITE, NeedStatus.UNMATCHED, NeedStatus.ESCALATED, NeedStatus.REOPENED);

    enum Colour { GREEN, AMBER, RED }

    record Queue(String communityId, Instant now, double targetShare, List<Item> needs) {
    }

    /** {@code levelDueAt}: when the need climbs again (null: not on the ladder, or at its top). */
    record Item(long id, String category, String categoryZh, Urgency urgency, NeedStatus status, String description,
                String residentName, String building, @Nullable String grid, double lat, double lon,
                Instant createdAt, @Nullable Instant dueAt, Colour colour, @Nullable String takenBy,
                @Nullable Long holderId, @Nullable String holder, List<String> offeredTo,
                @Nullable Rung level, @Nullable Instant levelDueAt, List<String> told, boolean overdueFlagged,
                @Nullable String department, @Nullable String departmentAnswer) {
    }

    record Filter(@Nullable String grid, @Nullable String category, @Nullable List<NeedStatus> status,
                  @Nullable Urgency urgency) {
        boolean keeps(Item i) {
            return (grid == null || grid.equals(i.grid())) && (category == null || category.equals(i.category()))
                    && (status == null || status.isEmpty() || status.contains(i.status()))
                    && (urgency == null || urgency == i.urgency());
        }
    }

    record MapPoint(String name, double lat, double lon) {
    }

    /** The scope drawn without internet tiles: the outline is the hull of the community's known places. */
    record ScopeMap(String communityId, List<double[]> outline, List<MapPoint> volunteersOnDuty,
                    List<MapPoint> merchants, int circleMeters) {
    }

    private final NeedRepository needs;
    private final OfferRepository offers;
    private final Escalation.Repository escalations;
    private final Households households;
    private final Volunteers volunteers;
    private final Merchants merchants;
    private final Departments departments;
    private final Accounts accounts;
    private final LadderTimers timers;
    private final LadderRecipients recipients;
    private final CommunityRepository communities;
    private final CurrentCaller caller;
    private final Clock clock;
    private final int circleMeters;

    CoordinatorQueue(NeedRepository needs, OfferRepository offers, Escalation.Repository escalations,
                     Households households, Volunteers volunteers, Merchants merchants, Departments departments,
                     Accounts accounts, LadderTimers timers, LadderRecipients recipients,
                     CommunityRepository communities, CurrentCaller caller, Clock clock,
                     @Value("${onecall.service-circle.radius-meters:1200}") int circleMeters) {
        this.needs = needs;
        this.offers = offers;
        this.escalations = escalations;
        this.households = households;
        this.volunteers = volunteers;
        this.merchants = merchants;
        this.departments = departments;
        this.accounts = accounts;
        this.timers = timers;
        this.recipients = recipients;
        this.communities = communities;
        this.caller = caller;
        this.clock = clock;
        this.circleMeters = circleMeters;
    }

    Queue of(String communityId, Filter filter) {
        community(communityId);
        Instant now = clock.instant();
        var grids = caller.gridLimit();
        List<Need> open = needs.findOpen(communityId).stream().filter(n -> OPEN.contains(n.status())).toList();
        Map<Long, Household> homes = households.byIds(open.stream().map(Need::householdId).distinct().toList())
                .stream().collect(Collectors.toMap(Household::id, Function.identity()));
        open = open.stream().filter(n -> grids.isEmpty() || grids.get().contains(homes.get(n.householdId()).grid()))
                .toList();
        List<Long> ids = open.stream().map(Need::id).toList();
        if (ids.isEmpty()) {
            return new Queue(communityId, now, timers.targetShare, List.of());
        }
        Map<Long, List<Offer>> pending = offers.findPendingForNeeds(ids).stream()
                .collect(Collectors.groupingBy(Offer::needId));
        Map<Long, Escalation> ladder = escalations.findForNeeds(ids).stream().filter(Escalation::active)
                .collect(Collectors.toMap(Escalation::needId, Function.identity()));
        List<Long> people = new ArrayList<>();
        open.stream().map(Need::volunteerId).filter(java.util.Objects::nonNull).forEach(people::add);
        pending.values().forEach(l -> l.forEach(o -> people.add(o.volunteerId())));
        Map<Long, String> names = volunteers.byIds(people.stream().distinct().toList()).stream()
                .collect(Collectors.toMap(Volunteer::id, Volunteer::name));
        Map<String, String> staff = accounts.displayNames(open.stream().map(Need::takenBy).toList());
        List<Item> items = new ArrayList<>();
        for (Need n : open) {
            Household h = homes.get(n.householdId());
            Escalation e = ladder.get(n.id());
            boolean waiting = Ladder.WAITING.contains(n.status());
            Department d = e == null || e.departmentId() == null ? null : departments.get(e.departmentId());
            items.add(new Item(n.id(), n.category(), Views.zh(n.category()), n.urgency(), n.status(), n.description(),
                    h.headName(), h.building(), h.grid(), h.lat(), h.lon(), n.createdAt(), n.dueAt(),
                    colour(n, now), staff.getOrDefault(n.takenBy(), n.takenBy()), n.volunteerId(),
                    n.volunteerId() == null ? null : names.get(n.volunteerId()),
                    pending.getOrDefault(n.id(), List.of()).stream().map(o -> names.get(o.volunteerId())).toList(),
                    e == null || !waiting ? null : e.level(), e == null || !waiting ? null : e.levelDueAt(),
                    e == null || !waiting ? List.of() : recipients.names(e), e != null && e.overdueFlagged(),
                    d == null ? null : d.name(), e == null ? null : e.departmentAnswer()));
        }
        items.sort(Comparator.comparingInt(CoordinatorQueue::rank)
                .thenComparing(i -> i.dueAt() == null ? Instant.MAX : i.dueAt()).thenComparingLong(Item::id));
        return new Queue(communityId, now, timers.targetShare, items.stream().filter(filter::keeps).toList());
    }

    ScopeMap map(String communityId) {
        community(communityId);
        var grids = caller.gridLimit();
        List<double[]> points = new ArrayList<>();
        households.inCommunity(communityId).stream()
                .filter(h -> grids.isEmpty() || grids.get().contains(h.grid()))
                .forEach(h -> points.add(new double[] {h.lat(), h.lon()}));
        List<MapPoint> onDuty = volunteers.inCommunity(communityId).stream().filter(Volunteer::canTakeJob)
                .map(v -> new MapPoint(v.name(), v.lat(), v.lon())).toList();
        List<MapPoint> shops = merchants.inCommunity(communityId).stream()
                .map(m -> new MapPoint(m.name(), m.lat(), m.lon())).toList();
        if (grids.isEmpty()) {
            onDuty.forEach(p -> points.add(new double[] {p.lat(), p.lon()}));
            shops.forEach(p -> points.add(new double[] {p.lat(), p.lon()}));
        }
        return new ScopeMap(communityId, Hull.of(points), onDuty, shops, circleMeters);
    }

    /** Unmatched and escalated first, then other needs still waiting for someone, then those held. */
    private static int rank(Item i) {
        return switch (i.status()) {
            case UNMATCHED, ESCALATED -> 0;
            case OPEN, MATCHING, OFFERED, REOPENED -> i.level() != null ? 0 : 1;
            default -> 2;
        };
    }

    /** Green before the ladder's share of the target, amber after it, red once the target passed. */
    Colour colour(Need n, Instant now) {
        if (n.dueAt() == null || !n.dueAt().isAfter(n.createdAt())) {
            return Colour.GREEN;
        }
        if (now.isAfter(n.dueAt())) {
            return Colour.RED;
        }
        long target = Duration.between(n.createdAt(), n.dueAt()).toMillis();
        long age = Duration.between(n.createdAt(), now).toMillis();
        return age >= target * timers.targetShare ? Colour.AMBER : Colour.GREEN;
    }

    private void community(String communityId) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
    }

    /** The convex hull (monotone chain) of the points, as [lat, lon] pairs; fewer than three: the points. */
    static final class Hull {
        static List<double[]> of(List<double[]> points) {
            List<double[]> p = new ArrayList<>(points);
            p.sort(Comparator.<double[]>comparingDouble(a -> a[1]).thenComparingDouble(a -> a[0]));
            if (p.size() < 3) {
                return p;
            }
            double[][] hull = new double[2 * p.size()][];
            int k = 0;
            for (double[] q : p) {
                while (k >= 2 && cross(hull[k - 2], hull[k - 1], q) <= 0) {
                    k--;
                }
                hull[k++] = q;
            }
            for (int i = p.size() - 2, t = k + 1; i >= 0; i--) {
                while (k >= t && cross(hull[k - 2], hull[k - 1], p.get(i)) <= 0) {
                    k--;
                }
                hull[k++] = p.get(i);
            }
            return List.of(java.util.Arrays.copyOf(hull, k - 1));
        }

        private static double cross(double[] o, double[] a, double[] b) {
            return (a[1] - o[1]) * (b[0] - o[0]) - (a[0] - o[0]) * (b[1] - o[1]);
        }

        private Hull() {
        }
    }
}
