package org.onecall.matcher.engine;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.onecall.events.Category;
import org.onecall.events.MatchEvents.Alternate;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.matcher.engine.Scoring.Scored;
import org.onecall.matcher.index.ResourceIndex;
import org.onecall.matcher.index.VolunteerGrid;

/**
 * Who may take a need: a volunteer with the skill, of the kind the need asks for, not avoided, not
 * one who already turned it down, free for it (now, or over the appointment's window) with a slot
 * left counting the proposals still open, within the hard distance limit. Among them the nearest
 * {@code candidates} (from the spatial index) plus the named, past and same-call volunteers are
 * scored ({@link Scoring}), and the needs of one batch are assigned jointly at minimum total score
 * ({@link Assignment}). For goods, the merchant that makes the walk volunteer → merchant → home
 * shortest is named, open at the need's time and below its daily capacity.
 */
@Singleton
public class ScoredMatcher implements MatchingStrategy {

    private static final String URGENT = "URGENT";
    /** A need left to its dummy column ("nobody"): dearer than any real score, small enough to keep ties exact. */
    private static final double UNASSIGNED = 1e6;

    private final int maxDistanceMeters;
    private final int candidates;
    private final int urgentAlternates;
    private final WeightsConfig weights;
    private final Clock clock;

    @Inject
    public ScoredMatcher(@Value("${onecall.matcher.max-distance-meters:3000}") int maxDistanceMeters,
                         @Value("${onecall.matcher.candidates:25}") int candidates,
                         @Value("${onecall.matcher.urgent-alternates:2}") int urgentAlternates,
                         WeightsConfig weights, Clock clock) {
        this.maxDistanceMeters = maxDistanceMeters;
        this.candidates = candidates;
        this.urgentAlternates = urgentAlternates;
        this.weights = weights;
        this.clock = clock;
    }

    public ScoredMatcher(int maxDistanceMeters, Clock clock) {
        this(maxDistanceMeters, 25, 2, new WeightsConfig(Weights.DEFAULTS), clock);
    }

    public ScoredMatcher(int maxDistanceMeters) {
        this(maxDistanceMeters, Clock.systemUTC());
    }

    @Override
    public Map<Long, Decision> decideAll(String communityId, List<MatchingStarted> requests, ResourceIndex index) {
        Instant now = clock.instant();
        Weights w = weights.of(communityId);
        Map<Long, Decision> out = new LinkedHashMap<>();
        // needs of one call: the first is decided with the others of the batch, the rest once its volunteer is known
        Set<String> calls = new HashSet<>();
        List<MatchingStarted> first = new ArrayList<>();
        List<MatchingStarted> later = new ArrayList<>();
        for (MatchingStarted r : requests) {
            boolean known = r.callId() != null && index.volunteerOfCall(r.callId()).isPresent();
            (r.callId() == null || known || calls.add(r.callId()) ? first : later).add(r);
        }
        Map<Long, Decision> decided = new LinkedHashMap<>();
        decided.putAll(jointly(communityId, first, index, w, now));
        decided.putAll(jointly(communityId, later, index, w, now));
        requests.forEach(r -> out.put(r.needId(), decided.get(r.needId())));
        return out;
    }

    /** Scores every need's candidates and picks at the least total score; records the proposals in the index. */
    private Map<Long, Decision> jointly(String communityId, List<MatchingStarted> needs, ResourceIndex index, Weights w,
                                        Instant now) {
        Map<Long, Decision> out = new LinkedHashMap<>();
        List<MatchingStarted> open = new ArrayList<>();
        List<List<Scored>> scored = new ArrayList<>();
        for (MatchingStarted need : needs) {
            List<Scored> list = candidates(communityId, need, index, w, now);
            if (list.isEmpty()) {
                out.put(need.needId(), nobody(communityId, need, index, now));
            } else {
                open.add(need);
                scored.add(list);
            }
        }
        int[] chosen = open.size() == 1 ? new int[] {0} : assign(open, scored, index);
        Set<Long> taken = new HashSet<>();
        for (int i = 0; i < open.size(); i++) {
            if (chosen[i] >= 0) {
                taken.add(scored.get(i).get(chosen[i]).volunteer().volunteerId());
            }
        }
        for (int i = 0; i < open.size(); i++) {
            MatchingStarted need = open.get(i);
            List<Scored> list = scored.get(i);
            if (chosen[i] < 0) {
                continue;
            }
            Scored best = list.get(chosen[i]);
            List<Alternate> alternates = URGENT.equals(need.urgency()) ? list.stream()
                    .filter(s -> !taken.contains(s.volunteer().volunteerId()))
                    .limit(urgentAlternates)
                    .map(s -> new Alternate(s.volunteer().volunteerId(), s.walkMeters(), s.score(), s.parts()))
                    .toList() : List.of();
            Long merchant = best.merchant() == null ? null : best.merchant().merchantId();
            index.proposed(need.needId(), best.volunteer().volunteerId(), merchant);
            index.proposedForCall(need.callId(), best.volunteer().volunteerId());
            out.put(need.needId(), new Proposal(best.volunteer().volunteerId(), merchant, best.walkMeters(),
                    (open.size() > 1 ? "assigned jointly with " + (open.size() - 1) + " other needs; " : "")
                            + "best of " + list.size() + " free volunteers with the skill " + need.category()
                            + (need.appointment() ? " for the appointment" : ""),
                    best.score(), best.parts(), alternates));
        }
        // left without a volunteer: said once the others' proposals count (their candidates are now taken)
        for (int i = 0; i < open.size(); i++) {
            if (chosen[i] < 0) {
                out.put(open.get(i).needId(), nobody(communityId, open.get(i), index, now));
            }
        }
        return out;
    }

    /** The need's scored candidates, best first. */
    List<Scored> candidates(String communityId, MatchingStarted need, ResourceIndex index, Weights w, Instant now) {
        Predicate<VolunteerStateChanged> fits = v -> unavailable(v, need, index, now).isEmpty();
        Map<Long, VolunteerStateChanged> pool = new LinkedHashMap<>();
        for (VolunteerGrid.Near n : index.nearest(communityId, need.location(), maxDistanceMeters, candidates, fits)) {
            pool.put(n.volunteer().volunteerId(), n.volunteer());
        }
        Long callVolunteer = index.volunteerOfCall(need.callId()).orElse(null);
        List<Long> named = new ArrayList<>(need.pastVolunteerIds());
        if (need.preferredVolunteerId() != null) {
            named.add(need.preferredVolunteerId());
        }
        if (callVolunteer != null) {
            named.add(callVolunteer);
        }
        for (long id : named) {
            index.volunteer(communityId, id).filter(v -> v.home() != null && fits.test(v)
                            && v.home().metresTo(need.location()) <= maxDistanceMeters)
                    .ifPresent(v -> pool.putIfAbsent(id, v));
        }
        List<MerchantStateChanged> merchants = merchants(communityId, need, index, now);
        List<Scored> out = new ArrayList<>();
        for (VolunteerStateChanged v : pool.values()) {
            out.add(Scoring.score(need, v, merchants, callVolunteer, w, weights.kindFor(need.category())));
        }
        out.sort(Scored.BEST_FIRST);
        return out;
    }

    /** Rows are needs; columns are volunteers, one per free slot, then one dummy per need ("nobody"). */
    private static int[] assign(List<MatchingStarted> needs, List<List<Scored>> scored, ResourceIndex index) {
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        Map<Long, VolunteerStateChanged> who = new LinkedHashMap<>();
        boolean anyNow = needs.stream().anyMatch(n -> !n.appointment());
        for (List<Scored> list : scored) {
            for (Scored s : list) {
                wanted.merge(s.volunteer().volunteerId(), 1, Integer::sum);
                who.putIfAbsent(s.volunteer().volunteerId(), s.volunteer());
            }
        }
        Map<Long, Integer> idRank = new java.util.HashMap<>();
        wanted.keySet().stream().sorted().forEach(id -> idRank.put(id, idRank.size()));
        List<Long> columns = new ArrayList<>();
        wanted.forEach((id, count) -> {
            VolunteerStateChanged v = who.get(id);
            long free = anyNow ? v.maxConcurrentJobs() - v.activeJobs() - index.openProposals(id, -1) : 1;
            for (long k = 0; k < Math.max(1, Math.min(free, count)); k++) {
                columns.add(id);
            }
        });
        int n = needs.size();
        Map<Long, List<Integer>> slotsOf = new java.util.HashMap<>();
        for (int j = 0; j < columns.size(); j++) {
            slotsOf.computeIfAbsent(columns.get(j), k -> new ArrayList<>()).add(j);
        }
        int[][] adjacent = new int[n][];
        double[][] cost = new double[n][];
        for (int i = 0; i < n; i++) {
            // ties go to the need that came first (its costs weigh a hair more) and to the lower volunteer id
            double first = 1 + (n - i) * 1e-9;
            List<Integer> cols = new ArrayList<>();
            List<Double> costs = new ArrayList<>();
            for (Scored s : scored.get(i)) {
                for (int j : slotsOf.get(s.volunteer().volunteerId())) {
                    cols.add(j);
                    costs.add(s.score() * first + idRank.get(s.volunteer().volunteerId()) * 1e-7);
                }
            }
            cols.add(columns.size() + i); // this need's own "nobody"
            costs.add(UNASSIGNED * first);
            adjacent[i] = cols.stream().mapToInt(Integer::intValue).toArray();
            cost[i] = costs.stream().mapToDouble(Double::doubleValue).toArray();
        }
        int[] col = Assignment.solveSparse(columns.size() + n, adjacent, cost);
        int[] chosen = new int[n];
        for (int i = 0; i < n; i++) {
            chosen[i] = -1;
            if (col[i] >= 0 && col[i] < columns.size()) {
                long id = columns.get(col[i]);
                List<Scored> list = scored.get(i);
                for (int k = 0; k < list.size(); k++) {
                    if (list.get(k).volunteer().volunteerId() == id) {
                        chosen[i] = k;
                    }
                }
            }
        }
        return chosen;
    }

    /** Why this volunteer cannot be proposed for this need, or empty when they can. */
    private static Optional<String> unavailable(VolunteerStateChanged v, MatchingStarted need, ResourceIndex index,
                                                Instant now) {
        if (!v.skills().contains(need.category())) {
            return Optional.of("without the skill");
        }
        if (need.excludedVolunteerIds().contains(v.volunteerId())) {
            return Optional.of("already declined this need");
        }
        if (need.avoidVolunteerIds().contains(v.volunteerId())) {
            return Optional.of("to be avoided for this need");
        }
        if (need.volunteerKind() != null && !need.volunteerKind().equals(v.kind())) {
            return Optional.of("not of the kind " + need.volunteerKind());
        }
        Optional<String> reason = v.unavailableFor(need.windowStart(), need.windowEnd(), now);
        if (reason.isPresent()) {
            return reason;
        }
        long open = index.openProposals(v.volunteerId(), need.needId());
        if (!need.appointment() && v.activeJobs() + open >= v.maxConcurrentJobs()) {
            return Optional.of("at their limit");
        }
        return Optional.empty();
    }

    /** The answer when no candidate is left, counting why the volunteers with the skill were not. */
    private Nobody nobody(String communityId, MatchingStarted need, ResourceIndex index, Instant now) {
        List<VolunteerStateChanged> skilled = index.volunteers(communityId).stream()
                .filter(v -> v.skills().contains(need.category())).toList();
        String skill = categoryZh(need.category());
        if (skilled.isEmpty()) {
            return new Nobody("no volunteer in " + communityId + " has the skill " + need.category(),
                    "社区里没有会「" + skill + "」的志愿者");
        }
        Map<String, Long> why = new TreeMap<>();
        List<VolunteerStateChanged> free = new ArrayList<>();
        for (VolunteerStateChanged v : skilled) {
            Optional<String> reason = unavailable(v, need, index, now);
            reason.ifPresentOrElse(r -> why.merge(r, 1L, Long::sum), () -> free.add(v));
        }
        if (free.isEmpty()) {
            return new Nobody(skilled.size() + " volunteers have the skill " + need.category()
                    + " but none can be offered it " + (need.appointment() ? "for the appointment" : "now") + ": "
                    + why.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", ")),
                    skilled.size() + " 位志愿者会「" + skill + "」，但" + (need.appointment() ? "预约时间" : "现在")
                            + "都派不了：" + why.entrySet().stream().map(e -> whyZh(e.getKey()) + " " + e.getValue() + " 位")
                            .collect(Collectors.joining("，")));
        }
        int nearest = (int) Math.round(free.stream().filter(v -> v.home() != null)
                .mapToDouble(v -> v.home().metresTo(need.location())).min().orElse(Double.NaN));
        return new Nobody("the nearest free volunteer with the skill " + need.category() + " is " + nearest
                + " m away, beyond " + maxDistanceMeters + " m",
                "会「" + skill + "」的空闲志愿者最近的也在 " + nearest + " 米外，超出 " + maxDistanceMeters + " 米");
    }

    private static String categoryZh(String category) {
        try {
            return org.onecall.events.Category.valueOf(category).zh();
        } catch (IllegalArgumentException e) {
            return category;
        }
    }

    /** The words of {@link #unavailable} and of {@code VolunteerStateChanged.unavailableFor}, in Chinese. */
    private static String whyZh(String why) {
        if (why.startsWith("not of the kind ")) {
            return "不是所需的志愿者类型";
        }
        return switch (why) {
            case "without the skill" -> "不会这项服务";
            case "already declined this need" -> "已婉拒过";
            case "to be avoided for this need" -> "这次要避开";
            case "suspended" -> "已暂停服务";
            case "on leave" -> "请假";
            case "off duty" -> "不在岗";
            case "outside their hours" -> "不在服务时段";
            case "another job at that time" -> "那时已有任务";
            case "at their limit" -> "手头任务已满";
            default -> why;
        };
    }

    /** Merchants that can sell this need's goods at its time, below their daily capacity; empty without goods. */
    private static List<MerchantStateChanged> merchants(String communityId, MatchingStarted need, ResourceIndex index,
                                                        Instant now) {
        boolean buysGoods = need.buysGoods();
        try {
            buysGoods |= Category.valueOf(need.category()).usuallyBuysGoods();
        } catch (IllegalArgumentException e) {
            // an unknown category buys goods only when the need says so
        }
        if (!buysGoods) {
            return List.of();
        }
        Instant at = Scoring.when(need, now);
        return index.merchants(communityId).stream()
                .filter(m -> m.categories().contains(need.category()) && m.openAt(at)
                        && !m.fullAt(at, index.openMerchantProposals(m.merchantId(), need.needId())))
                .toList();
    }
}
