package org.onecall.matcher.engine;

import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The weights for a community: {@code onecall.matcher.weights.*}, then
 * {@code onecall.matcher.communities.<community-id>.weights.*} on top. A name that is not a weight
 * stops the start-up (every community's are read then): a typo would otherwise silently keep the default.
 */
@Singleton
public class WeightsConfig {

    private final Weights base;
    private final Map<String, Weights> byCommunity = new ConcurrentHashMap<>();
    private final Environment environment;
    private final Map<String, String> categoryKinds;
    /** The volunteer kinds of {@code VolunteerStateChanged.kind}. */
    private static final java.util.List<String> KINDS = java.util.List.of("IN_SERVICE_MEMBER", "RETIRED_MEMBER",
            "STEWARD", "RESIDENT");

    @Inject
    WeightsConfig(Environment environment) {
        this.environment = environment;
        this.base = Weights.DEFAULTS.with(read("onecall.matcher.weights")::get);
        this.categoryKinds = readCategoryKinds(environment);
        // every community's overrides now, so a typo stops the start-up instead of a matching round
        for (String community : environment.getPropertyEntries("onecall.matcher.communities")) {
            of(community);
        }
    }

    /** Fixed weights for every community (tests and the benchmark). */
    public WeightsConfig(Weights weights) {
        this(weights, Map.of());
    }

    /** Fixed weights and category kinds (tests and the benchmark). */
    public WeightsConfig(Weights weights, Map<String, String> categoryKinds) {
        this.environment = null;
        this.base = weights;
        this.categoryKinds = Map.copyOf(categoryKinds);
    }

    /**
     * The kind of volunteer a category asks for ({@code onecall.matcher.category-kinds.<CATEGORY>}: a
     * paperwork errand to a steward or community worker), or null. A soft preference, earning the
     * {@code kind} weight; a need's own {@code volunteerKind} is a hard filter and wins over it.
     */
    public String kindFor(String category) {
        return categoryKinds.get(category);
    }

    private static Map<String, String> readCategoryKinds(Environment environment) {
        Map<String, String> out = new HashMap<>();
        environment.getProperties("onecall.matcher.category-kinds", StringConvention.RAW).forEach((name, value) -> {
            String category = name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            if (java.util.Arrays.stream(org.onecall.events.Category.values()).noneMatch(c -> c.name().equals(category))) {
                throw new IllegalStateException("onecall.matcher.category-kinds." + name + " is not a category; known: "
                        + java.util.Arrays.toString(org.onecall.events.Category.values()));
            }
            String kind = String.valueOf(value).strip().toUpperCase(java.util.Locale.ROOT);
            if (!KINDS.contains(kind)) {
                throw new IllegalStateException("onecall.matcher.category-kinds." + name + ": " + value
                        + " is not a kind of volunteer; known: " + KINDS);
            }
            out.put(category, kind);
        });
        return Map.copyOf(out);
    }

    public Weights of(String communityId) {
        if (environment == null) {
            return base;
        }
        return byCommunity.computeIfAbsent(communityId, c -> {
            Map<String, Double> given = read("onecall.matcher.communities." + c + ".weights");
            return given.isEmpty() ? base : base.with(given::get);
        });
    }

    private Map<String, Double> read(String prefix) {
        Map<String, Double> out = new HashMap<>();
        environment.getProperties(prefix, StringConvention.RAW).forEach((name, value) -> {
            String key = name.replace('_', '-');
            if (!Weights.NAMES.contains(key)) {
                throw new IllegalStateException(prefix + "." + name + " is not a weight; known: "
                        + new java.util.TreeSet<>(Weights.NAMES));
            }
            out.put(key, Double.valueOf(String.valueOf(value)));
        });
        return out;
    }
}
