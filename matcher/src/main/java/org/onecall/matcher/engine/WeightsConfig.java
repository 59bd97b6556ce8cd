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

    @Inject
    WeightsConfig(Environment environment) {
        this.environment = environment;
        this.base = Weights.DEFAULTS.with(read("onecall.matcher.weights")::get);
        // every community's overrides now, so a typo stops the start-up instead of a matching round
        for (String community : environment.getPropertyEntries("onecall.matcher.communities")) {
            of(community);
        }
    }

    /** Fixed weights for every community (tests and the benchmark). */
    public WeightsConfig(Weights weights) {
        this.environment = null;
        this.base = weights;
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
