package org.onecall.dispatch.need;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.events.Category;
import org.onecall.kit.Refusal;

/**
 * Service commitments (服务承诺制): how soon each category is served, e.g. medicine within 2 h,
 * repairs within 24 h, companionship by appointment.
 *
 * <p>Defaults come from configuration ({@code onecall.needs.targets.<category>: 2h | 90m | 3d |
 * appointment}, overridable per deployment by environment variables such as
 * {@code ONECALL_NEEDS_TARGETS_MEDICINE=90m}). A community's own commitments live in the
 * {@code service_target} table and are changed over HTTP by its coordinators, because they are
 * the community's published promise, not an operator's deployment setting, and change without a
 * restart. Changing a target affects needs raised afterwards; a need keeps the due time it was given.
 */
@Singleton
class ServiceTargets {

    /** {@code within} is null exactly when {@code byAppointment}. {@code origin}: default or community. */
    record Target(Category category, @Nullable Duration within, boolean byAppointment, String origin) {
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,5})\\s*(m|h|d)");
    private static final Duration FALLBACK = Duration.ofHours(24);

    private final Map<Category, Target> defaults = new EnumMap<>(Category.class);
    private final ServiceTargetRepository rows;
    private final CommunityRepository communities;
    private final Clock clock;

    ServiceTargets(@Property(name = "onecall.needs.targets") @Nullable Map<String, String> configured,
                   ServiceTargetRepository rows, CommunityRepository communities, Clock clock) {
        this.rows = rows;
        this.communities = communities;
        this.clock = clock;
        Map<String, String> given = configured == null ? Map.of() : configured;
        for (Category c : Category.values()) {
            defaults.put(c, fallback(c));
        }
        given.forEach((key, value) -> {
            Category c = category(key);
            defaults.put(c, parse(c, String.valueOf(value), "default"));
        });
    }

    Target of(String communityId, Category category) {
        return all(communityId).get(category);
    }

    Map<Category, Target> all(String communityId) {
        Map<Category, Target> effective = new EnumMap<>(defaults);
        for (ServiceTargetRow row : rows.findByCommunityId(communityId)) {
            Category c = Category.valueOf(row.category());
            effective.put(c, row.byAppointment() ? new Target(c, null, true, "community")
                    : new Target(c, Duration.ofMinutes(row.withinMinutes()), false, "community"));
        }
        return effective;
    }

    /** Sets a community's own target; {@code null} minutes with {@code byAppointment} false returns to the default. */
    @Transactional
    Target set(String communityId, Category category, @Nullable Integer withinMinutes, boolean byAppointment) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        if (byAppointment && withinMinutes != null) {
            throw Refusal.invalid("withinMinutes", "leave it out when the category is served by appointment");
        }
        if (!byAppointment && withinMinutes == null) {
            rows.remove(communityId, category.name());
            return of(communityId, category);
        }
        var now = clock.instant();
        if (rows.change(communityId, category.name(), withinMinutes, byAppointment, now) == 0) {
            rows.add(communityId, category.name(), withinMinutes, byAppointment, now);
        }
        return of(communityId, category);
    }

    private static Target fallback(Category c) {
        return new Target(c, FALLBACK, false, "default");
    }

    static Category category(String configKey) {
        String name = configKey.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Category.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("onecall.needs.targets." + configKey + ": not a category; use one of "
                    + Arrays.toString(Category.values()), e);
        }
    }

    static Target parse(Category c, String value, String origin) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("appointment")) {
            return new Target(c, null, true, origin);
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
            throw new IllegalStateException("onecall.needs.targets." + c + ": '" + value
                    + "' is neither a duration like 90m, 2h, 3d nor 'appointment'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return new Target(c, d, false, origin);
    }

    List<Category> categories() {
        return List.of(Category.values());
    }
}
