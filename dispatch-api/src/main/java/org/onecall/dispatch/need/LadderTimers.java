package org.onecall.dispatch.need;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.events.Category;
import org.onecall.kit.Refusal;

/**
 * How long a need waits at each timed rung (team leader, grid leader, coordinator) before it climbs, by
 * category and urgency. Defaults from {@code onecall.escalation.timers}: keys {@code default}, an urgency
 * ({@code urgent}), a category ({@code repairs}) or both ({@code repairs-urgent}); values three durations,
 * one per timed rung ({@code 10m,10m,20m}). The most specific key wins. A community's own timers (the
 * {@code escalation_timer} table, set over HTTP by its coordinators) win over the defaults at any
 * specificity, because they are the community's published commitment, like its service targets.
 */
@Singleton
class LadderTimers {

    static final String ANY = "*";

    @MappedEntity("escalation_timer")
    record TimerRow(@Id @GeneratedValue @Nullable Long id, String communityId, String category, String urgency,
                    String minutes, Instant updatedAt) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface TimerRepository extends CrudRepository<TimerRow, Long> {
        List<TimerRow> findByCommunityId(String communityId);

        @Query("DELETE FROM escalation_timer WHERE community_id = :communityId AND category = :category"
                + " AND urgency = :urgency")
        int remove(String communityId, String category, String urgency);
    }

    /** Where a need's timers came from, for people reading the ladder. */
    record Timers(List<Duration> perRung, String origin) {
        Duration at(Rung rung) {
            return perRung.get(rung.ordinal());
        }
    }

    private final Map<String, List<Duration>> defaults = new LinkedHashMap<>();
    private final TimerRepository rows;
    private final CommunityRepository communities;
    private final Clock clock;
    final double targetShare;
    final int offerExpiries;

    LadderTimers(@Property(name = "onecall.escalation.timers") @Nullable Map<String, String> configured,
                 @Value("${onecall.escalation.target-share:0.75}") double targetShare,
                 @Value("${onecall.escalation.offer-expiries:3}") int offerExpiries,
                 TimerRepository rows, CommunityRepository communities, Clock clock) {
        this.rows = rows;
        this.communities = communities;
        this.clock = clock;
        if (targetShare <= 0 || targetShare > 1) {
            throw new IllegalStateException("onecall.escalation.target-share: " + targetShare
                    + " is not a share of the service target between 0 (excluded) and 1");
        }
        if (offerExpiries < 1) {
            throw new IllegalStateException("onecall.escalation.offer-expiries: must be at least 1");
        }
        this.targetShare = targetShare;
        this.offerExpiries = offerExpiries;
        defaults.put("default", List.of(Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(60)));
        (configured == null ? Map.<String, String>of() : configured).forEach((key, value) -> {
            String k = key.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            String[] cu = split(k);
            defaults.put(cu[0] + "/" + cu[1], parse("onecall.escalation.timers." + key, String.valueOf(value)));
        });
    }

    /** The timers for a need of this community, category and urgency. */
    Timers of(String communityId, String category, Urgency urgency) {
        TimerRow best = null;
        for (TimerRow r : rows.findByCommunityId(communityId)) {
            boolean fits = (r.category().equals(ANY) || r.category().equals(category))
                    && (r.urgency().equals(ANY) || r.urgency().equals(urgency.name()));
            if (fits && (best == null || specificity(r.category(), r.urgency()) > specificity(best.category(),
                    best.urgency()))) {
                best = r;
            }
        }
        if (best != null) {
            return new Timers(minutes(best.minutes()), "community");
        }
        String c = category.toLowerCase(Locale.ROOT).replace('_', '-');
        String u = urgency.name().toLowerCase(Locale.ROOT);
        for (String key : List.of(c + "/" + u, c + "/" + ANY, ANY + "/" + u)) {
            if (defaults.containsKey(key)) {
                return new Timers(defaults.get(key), "default " + key.replace("/*", "").replace("*/", ""));
            }
        }
        return new Timers(defaults.getOrDefault(ANY + "/" + ANY, defaults.get("default")), "default");
    }

    /** A community's own timers for a category and/or urgency ({@code null}: any); no minutes: back to the defaults. */
    @Transactional
    void set(String communityId, @Nullable Category category, @Nullable Urgency urgency,
               @Nullable List<Integer> minutes) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        String c = category == null ? ANY : category.name();
        String u = urgency == null ? ANY : urgency.name();
        rows.remove(communityId, c, u);
        if (minutes != null) {
            if (minutes.size() != 3 || minutes.stream().anyMatch(m -> m == null || m < 1 || m > 100_000)) {
                throw Refusal.invalid("minutes", "give three whole numbers of minutes between 1 and 100000: team"
                        + " leader, grid leader, community coordinator");
            }
            rows.save(new TimerRow(null, communityId, c, u, minutes.stream().map(String::valueOf)
                    .reduce((a, b) -> a + "," + b).orElseThrow(), clock.instant()));
        }
    }

    /** The community's own rows, for the ladder's page. */
    List<TimerRow> own(String communityId) {
        return rows.findByCommunityId(communityId);
    }

    /** The defaults as configured: key (e.g. repairs/urgent, * for any) and timers. */
    Map<String, List<Duration>> defaults() {
        return defaults;
    }

    private static int specificity(String category, String urgency) {
        return (category.equals(ANY) ? 0 : 2) + (urgency.equals(ANY) ? 0 : 1);
    }

    /** {@code repairs-urgent} → [REPAIRS-ish key, urgent]; {@code default} → [*, *]. */
    private static String[] split(String key) {
        if (key.equals("default")) {
            return new String[] {ANY, ANY};
        }
        for (Urgency u : Urgency.values()) {
            String name = u.name().toLowerCase(Locale.ROOT);
            if (key.equals(name)) {
                return new String[] {ANY, name};
            }
            if (key.endsWith("-" + name)) {
                return new String[] {category(key.substring(0, key.length() - name.length() - 1), key), name};
            }
        }
        return new String[] {category(key, key), ANY};
    }

    private static String category(String part, String key) {
        try {
            return Category.valueOf(part.toUpperCase(Locale.ROOT).replace('-', '_')).name().toLowerCase(Locale.ROOT)
                    .replace('_', '-');
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("onecall.escalation.timers." + key + ": use default, an urgency "
                    + Arrays.toString(Urgency.values()) + ", a category " + Arrays.toString(Category.values())
                    + " or category-urgency", e);
        }
    }

    private static List<Duration> parse(String where, String value) {
        List<Duration> out = new ArrayList<>();
        for (String part : value.split(",")) {
            var m = java.util.regex.Pattern.compile("(\\d{1,5})\\s*(m|h|d)").matcher(part.trim().toLowerCase(Locale.ROOT));
            if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
                throw new IllegalStateException(where + ": '" + value + "' is not three durations like 10m,30m,2h");
            }
            long n = Long.parseLong(m.group(1));
            out.add(switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        if (out.size() != 3) {
            throw new IllegalStateException(where + ": '" + value + "' must give three durations (team leader, grid"
                    + " leader, community coordinator)");
        }
        return List.copyOf(out);
    }

    private static List<Duration> minutes(String csv) {
        return Arrays.stream(csv.split(",")).map(s -> Duration.ofMinutes(Long.parseLong(s.trim()))).toList();
    }
}
