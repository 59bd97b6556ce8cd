package org.onecall.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.onecall.events.Location;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.matcher.engine.Assignment;
import org.onecall.matcher.engine.MatchingStrategy;
import org.onecall.matcher.engine.ScoredMatcher;
import org.onecall.matcher.index.ResourceIndex;

/**
 * The matcher on seeded scenarios, next to two baselines on the same inputs: greedy-nearest (each
 * need in arrival order takes the nearest free volunteer: the matcher before issue 13) and "broadcast
 * to the group, first to answer wins" (the WeChat-group habit: whoever answers first goes, however far).
 * A scenario is a day of rounds; in each, a batch of needs arrives together and every volunteer can
 * take one job; load accumulates over the rounds (our score sees it as jobs this week).
 * Also: the 200 x 2,000 assignment solve, and the candidate search per need among 100,000 volunteers
 * with 10,000 open needs, next to the linear scan it replaces.
 */
final class MatcherBench {

    private static final String COMMUNITY = "bench";
    private static final Location CENTRE = new Location(39.7275, 116.3405);
    private static final Instant MONDAY_10 = Instant.parse("2026-11-23T02:00:00Z");
    private static final long SEED = 13;

    record Outcome(String policy, double meanWalk, double p95Walk, int matched, int needs, double gini) {
        String json() {
            return String.format(Locale.ROOT, "{\"mean_walk_m\":%.1f,\"p95_walk_m\":%.1f,\"matched\":%d,\"needs\":%d,"
                    + "\"load_gini\":%.3f}", meanWalk, p95Walk, matched, needs, gini);
        }
    }

    private MatcherBench() {
    }

    static void run(boolean quick) {
        long began = System.nanoTime();
        int rounds = quick ? 3 : 10;
        Map<String, Map<String, Outcome>> scenarios = new LinkedHashMap<>();
        scenarios.put("scarce", scenario(200, 230, 3000, rounds));
        scenarios.put("plenty", scenario(200, 2000, 3000, rounds));

        double[] solve = solveTimes(quick ? 10 : 40);
        double[] pipeline = pipelineTimes(quick ? 5 : 20);
        double[] search = searchTimes(quick);

        System.out.println();
        System.out.printf(Locale.ROOT, "Matching, %d rounds of 200 needs arriving together (seed %d); walk in metres%n",
                rounds, SEED);
        System.out.printf(Locale.ROOT, "%-8s %-22s %10s %10s %9s %10s%n", "scenario", "policy", "mean walk",
                "p95 walk", "matched", "load Gini");
        StringBuilder json = new StringBuilder("{\"bench\":\"matcher\",\"rounds\":").append(rounds).append(',');
        for (var s : scenarios.entrySet()) {
            json.append('"').append(s.getKey()).append("\":{");
            List<String> parts = new ArrayList<>();
            for (Outcome o : s.getValue().values()) {
                System.out.printf(Locale.ROOT, "%-8s %-22s %10.0f %10.0f %5d/%-4d %9.3f%n", s.getKey(), o.policy(),
                        o.meanWalk(), o.p95Walk(), o.matched(), o.needs(), o.gini());
                parts.add("\"" + o.policy() + "\":" + o.json());
            }
            Outcome ours = s.getValue().get("ours");
            Outcome greedy = s.getValue().get("greedy-nearest");
            double meanGain = 100 * (1 - ours.meanWalk() / greedy.meanWalk());
            double p95Gain = 100 * (1 - ours.p95Walk() / greedy.p95Walk());
            System.out.printf(Locale.ROOT, "%-8s ours against greedy: mean walk %+.1f%%, p95 walk %+.1f%%, "
                    + "%+d matched, load Gini %+.3f%n", s.getKey(), -meanGain, -p95Gain,
                    ours.matched() - greedy.matched(), ours.gini() - greedy.gini());
            parts.add(String.format(Locale.ROOT, "\"mean_gain_pct\":%.1f,\"p95_gain_pct\":%.1f", meanGain, p95Gain));
            json.append(String.join(",", parts)).append("},");
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Times are this thread's CPU time (load average %.1f on %d cores)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "Assignment 200 needs x 2,000 volunteers (dense Hungarian, walk costs): "
                + "p50 %.2f ms, max %.2f ms%n", solve[0], solve[1]);
        System.out.printf(Locale.ROOT, "The matcher's batch of 200 needs among 2,000 volunteers (grid search, scores, "
                + "sparse Hungarian): p50 %.2f ms, max %.2f ms%n", pipeline[0], pipeline[1]);
        System.out.printf(Locale.ROOT, "Candidate search and scoring per need, 100,000 volunteers, 10,000 open needs: "
                + "%.1f us/need (grid); linear scan of every volunteer: %.1f us/need%n", search[0], search[1]);
        json.append(String.format(Locale.ROOT, "\"solve_200x2000_ms\":{\"p50\":%.3f,\"max\":%.3f},"
                        + "\"batch_200x2000_ms\":{\"p50\":%.3f,\"max\":%.3f},\"candidate_search_us_per_need\":%.2f,"
                        + "\"linear_scan_us_per_need\":%.2f,\"timing\":\"thread_cpu\",\"seconds\":%.1f}", solve[0], solve[1], pipeline[0],
                pipeline[1], search[0], search[1], (System.nanoTime() - began) / 1e9));
        System.out.println(json);
    }

    // ---- scenarios -------------------------------------------------------------------------------

    private static Map<String, Outcome> scenario(int needsPerRound, int volunteers, double sideMeters, int rounds) {
        Random random = new Random(SEED);
        List<Location> homes = new ArrayList<>();
        for (int i = 0; i < volunteers; i++) {
            homes.add(place(random, sideMeters));
        }
        List<List<Location>> needs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<Location> round = new ArrayList<>();
            for (int i = 0; i < needsPerRound; i++) {
                round.add(place(random, sideMeters));
            }
            needs.add(round);
        }
        Map<String, Outcome> out = new LinkedHashMap<>();
        out.put("ours", ours(homes, needs));
        out.put("greedy-nearest", greedy(homes, needs));
        out.put("broadcast-first-answer", broadcast(homes, needs, new Random(SEED + 1)));
        return out;
    }

    private static Outcome ours(List<Location> homes, List<List<Location>> rounds) {
        int[] load = new int[homes.size()];
        List<Double> walks = new ArrayList<>();
        int total = 0;
        long needId = 1;
        for (List<Location> round : rounds) {
            ResourceIndex index = new ResourceIndex();
            for (int v = 0; v < homes.size(); v++) {
                index.put(volunteer(v, homes.get(v), load[v]));
            }
            List<MatchingStarted> requests = new ArrayList<>();
            for (Location at : round) {
                requests.add(new MatchingStarted(needId++, 1, "MEALS", "TODAY", at, List.of()));
            }
            total += requests.size();
            Map<Long, MatchingStrategy.Decision> decided = strategy().decideAll(COMMUNITY, requests, index);
            for (MatchingStarted r : requests) {
                if (decided.get(r.needId()) instanceof MatchingStrategy.Proposal p) {
                    load[(int) p.volunteerId()]++;
                    walks.add(homes.get((int) p.volunteerId()).metresTo(r.location()));
                }
            }
        }
        return outcome("ours", walks, total, load);
    }

    private static Outcome greedy(List<Location> homes, List<List<Location>> rounds) {
        int[] load = new int[homes.size()];
        List<Double> walks = new ArrayList<>();
        int total = 0;
        for (List<Location> round : rounds) {
            boolean[] busy = new boolean[homes.size()];
            for (Location at : round) {
                total++;
                int best = -1;
                double bestWalk = Double.MAX_VALUE;
                for (int v = 0; v < homes.size(); v++) {
                    double m = homes.get(v).metresTo(at);
                    if (!busy[v] && m <= 3000 && m < bestWalk) {
                        best = v;
                        bestWalk = m;
                    }
                }
                if (best >= 0) {
                    busy[best] = true;
                    load[best]++;
                    walks.add(bestWalk);
                }
            }
        }
        return outcome("greedy-nearest", walks, total, load);
    }

    /** Everyone in the group sees the message; the first free one to answer goes (answer times are random). */
    private static Outcome broadcast(List<Location> homes, List<List<Location>> rounds, Random random) {
        int[] load = new int[homes.size()];
        List<Double> walks = new ArrayList<>();
        int total = 0;
        for (List<Location> round : rounds) {
            boolean[] busy = new boolean[homes.size()];
            for (Location at : round) {
                total++;
                int first = -1;
                double firstAnswer = Double.MAX_VALUE;
                for (int v = 0; v < homes.size(); v++) {
                    double answer = -Math.log(1 - random.nextDouble()); // minutes until they look at the phone
                    if (!busy[v] && answer < firstAnswer) {
                        first = v;
                        firstAnswer = answer;
                    }
                }
                if (first >= 0) {
                    busy[first] = true;
                    load[first]++;
                    walks.add(homes.get(first).metresTo(at));
                }
            }
        }
        return outcome("broadcast-first-answer", walks, total, load);
    }

    private static Outcome outcome(String policy, List<Double> walks, int needs, int[] load) {
        double[] w = walks.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double mean = Arrays.stream(w).average().orElse(0);
        double p95 = w.length == 0 ? 0 : w[Math.min(w.length - 1, (int) Math.ceil(0.95 * w.length) - 1)];
        return new Outcome(policy, mean, p95, w.length, needs, gini(load));
    }

    /** 0: every volunteer did as many jobs; near 1: a few did them all. */
    static double gini(int[] load) {
        int[] x = load.clone();
        Arrays.sort(x);
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i];
            weighted += (i + 1) * (double) x[i];
        }
        return sum == 0 ? 0 : (2 * weighted) / (x.length * sum) - (x.length + 1.0) / x.length;
    }

    // ---- timings ---------------------------------------------------------------------------------

    private static double[] solveTimes(int runs) {
        Random random = new Random(SEED);
        List<Double> ms = new ArrayList<>();
        for (int run = 0; run < runs + 3; run++) {
            Location[] homes = new Location[2000];
            for (int v = 0; v < homes.length; v++) {
                homes[v] = place(random, 3000);
            }
            double[][] cost = new double[200][2000];
            for (int n = 0; n < 200; n++) {
                Location at = place(random, 3000);
                for (int v = 0; v < 2000; v++) {
                    cost[n][v] = homes[v].metresTo(at);
                }
            }
            long t = cpuNanos();
            int[] assigned = Assignment.solve(cost);
            double took = (cpuNanos() - t) / 1e6;
            if (assigned.length != 200) {
                throw new IllegalStateException("solver lost rows");
            }
            if (run >= 3) { // the first runs warm the JIT
                ms.add(took);
            }
        }
        return p50AndMax(ms);
    }

    private static double[] pipelineTimes(int runs) {
        Random random = new Random(SEED + 2);
        List<Double> ms = new ArrayList<>();
        for (int run = 0; run < runs + 3; run++) {
            ResourceIndex index = new ResourceIndex();
            for (int v = 0; v < 2000; v++) {
                index.put(volunteer(v, place(random, 3000), 0));
            }
            List<MatchingStarted> requests = new ArrayList<>();
            for (int n = 0; n < 200; n++) {
                requests.add(new MatchingStarted(run * 1000L + n, 1, "MEALS", "TODAY", place(random, 3000), List.of()));
            }
            long t = cpuNanos();
            strategy().decideAll(COMMUNITY, requests, index);
            double took = (cpuNanos() - t) / 1e6;
            if (run >= 3) {
                ms.add(took);
            }
        }
        return p50AndMax(ms);
    }

    /** Mean microseconds per need: the matcher's whole decision for one need (grid), and a linear scan. */
    private static double[] searchTimes(boolean quick) {
        Random random = new Random(SEED + 3);
        ResourceIndex index = new ResourceIndex();
        List<VolunteerStateChanged> all = new ArrayList<>();
        for (int v = 0; v < 100_000; v++) {
            VolunteerStateChanged s = volunteer(v, place(random, 10_000), random.nextInt(3));
            index.put(s);
            all.add(s);
        }
        for (long need = 1; need <= 10_000; need++) {
            index.proposed(need, random.nextInt(100_000));
        }
        ScoredMatcher strategy = strategy();
        int samples = quick ? 2_000 : 10_000;
        List<MatchingStarted> requests = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            requests.add(new MatchingStarted(20_000L + i, 1, "MEALS", "TODAY", place(random, 10_000), List.of()));
        }
        for (int i = 0; i < Math.min(500, samples); i++) { // warm-up
            strategy.decide(COMMUNITY, requests.get(i), index);
            index.answered(requests.get(i).needId());
        }
        long t = cpuNanos();
        for (MatchingStarted r : requests) {
            strategy.decide(COMMUNITY, r, index);
            index.answered(r.needId());
        }
        double grid = (cpuNanos() - t) / 1e3 / samples;
        int scans = quick ? 100 : 300;
        long sink = 0;
        t = cpuNanos();
        for (int i = 0; i < scans; i++) {
            Location at = requests.get(i).location();
            sink += all.stream().filter(v -> v.skills().contains("MEALS") && v.activeJobs() < v.maxConcurrentJobs()
                            && index.openProposals(v.volunteerId(), -1) + v.activeJobs() < v.maxConcurrentJobs())
                    .min(Comparator.comparingDouble(v -> v.home().metresTo(at))).map(VolunteerStateChanged::volunteerId)
                    .orElse(-1L);
        }
        double linear = (cpuNanos() - t) / 1e3 / scans;
        if (sink == Long.MIN_VALUE) {
            System.out.println(sink);
        }
        return new double[] {grid, linear};
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static ScoredMatcher strategy() {
        return new ScoredMatcher(3000, Clock.fixed(MONDAY_10, ZoneOffset.UTC));
    }

    private static VolunteerStateChanged volunteer(long id, Location home, int jobsThisWeek) {
        return new VolunteerStateChanged(id, COMMUNITY, "志愿者", List.of("MEALS"), home, true, true, 1, 0, "ACTIVE",
                null, null, null, null, "RESIDENT", jobsThisWeek, null, null);
    }

    /** Uniform in a square of {@code side} metres around the centre. */
    private static Location place(Random random, double side) {
        double north = (random.nextDouble() - 0.5) * side;
        double east = (random.nextDouble() - 0.5) * side;
        return new Location(CENTRE.lat() + north / 111_195d,
                CENTRE.lon() + east / (111_195d * Math.cos(Math.toRadians(CENTRE.lat()))));
    }

    /**
     * This thread's CPU time: the machine is shared (a load average of several times its cores is usual
     * here), and wall time would measure the neighbours' work as much as ours.
     */
    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double[] p50AndMax(List<Double> ms) {
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] {sorted[sorted.length / 2], sorted[sorted.length - 1]};
    }
}
