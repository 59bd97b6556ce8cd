package org.onecall.matcher.engine;

import java.util.Map;
import java.util.function.Function;

/**
 * What each part of a score costs, in metres of walking: a part worth 300 m means the matcher walks
 * a volunteer 300 m further to get it. Negative weights are bonuses. Configured under
 * {@code onecall.matcher.weights}, overridable per community (see {@link WeightsConfig}).
 *
 * @param circleMeters   the 15-minute circle (about 1,200 m at 80 m/min): a soft limit
 * @param beyondCircle   extra cost per metre walked beyond the circle
 * @param jobThisWeek    per job accepted in the last seven days (fairness)
 * @param activeJob      per job held right now
 * @param helpedBefore   bonus for the household's earlier helper (no complaint)
 * @param preferred      bonus for the volunteer the need names
 * @param sameCall       bonus for the volunteer already proposed for another need of the same call
 * @param language       bonus for speaking the household's language or dialect
 * @param kind           bonus for being of the kind the need asks for
 * @param ratingStar     per star below five of the volunteer's mean rating
 */
public record Weights(double circleMeters, double beyondCircle, double jobThisWeek, double activeJob,
                      double helpedBefore, double preferred, double sameCall, double language, double kind,
                      double ratingStar) {

    public static final Weights DEFAULTS = new Weights(1200, 2, 60, 100, -300, -5000, -500, -200, -400, 20);

    /** These weights with the ones {@code given} names replaced; unknown names are ignored by the caller's check. */
    Weights with(Function<String, Double> given) {
        return new Weights(pick(given, "circle-meters", circleMeters), pick(given, "beyond-circle", beyondCircle),
                pick(given, "job-this-week", jobThisWeek), pick(given, "active-job", activeJob),
                pick(given, "helped-before", helpedBefore), pick(given, "preferred", preferred),
                pick(given, "same-call", sameCall), pick(given, "language", language), pick(given, "kind", kind),
                pick(given, "rating-star", ratingStar));
    }

    static final java.util.Set<String> NAMES = java.util.Set.of("circle-meters", "beyond-circle", "job-this-week",
            "active-job", "helped-before", "preferred", "same-call", "language", "kind", "rating-star");

    static Weights of(Map<String, Double> given) {
        return DEFAULTS.with(given::get);
    }

    private static double pick(Function<String, Double> given, String name, double otherwise) {
        Double v = given.apply(name);
        return v == null ? otherwise : v;
    }
}
