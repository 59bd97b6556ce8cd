package org.onecall.matcher.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.onecall.events.Location;
import org.onecall.events.MatchEvents.ScoreCodes;
import org.onecall.events.MatchEvents.ScorePart;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;

/** One volunteer's score for one need, part by part (see {@link Weights} for the units). */
final class Scoring {

    /** A scored candidate; {@code merchant} is where they would buy the goods, or null. */
    record Scored(VolunteerStateChanged volunteer, MerchantStateChanged merchant, int walkMeters, double score,
                  List<ScorePart> parts) {
        static final Comparator<Scored> BEST_FIRST = Comparator.comparingDouble(Scored::score)
                .thenComparingLong(s -> s.volunteer().volunteerId());
    }

    private Scoring() {
    }

    /**
     * @param merchants the merchants that can sell this need's goods at its time, empty when none is bought
     * @param callVolunteer who was proposed for another need of the same call, or null
     * @param categoryKind  the kind of volunteer the need's category asks for (a soft preference), or null
     */
    static Scored score(MatchingStarted need, VolunteerStateChanged v, Collection<MerchantStateChanged> merchants,
                        Long callVolunteer, Weights w, String categoryKind) {
        Location home = need.location();
        MerchantStateChanged via = null;
        double walk = v.home().metresTo(home);
        for (MerchantStateChanged m : merchants) {
            double through = v.home().metresTo(m.location()) + m.location().metresTo(home);
            if (via == null || through < walk) {
                via = m;
                walk = through;
            }
        }
        List<ScorePart> parts = new ArrayList<>();
        int metres = (int) Math.round(walk);
        parts.add(new ScorePart(ScoreCodes.WALK, metres, null, metres));
        if (walk > w.circleMeters()) {
            double beyond = Math.round(walk - w.circleMeters());
            parts.add(new ScorePart(ScoreCodes.BEYOND_CIRCLE, beyond, null, beyond * w.beyondCircle()));
        }
        if (v.jobsThisWeek() != null && v.jobsThisWeek() > 0) {
            parts.add(new ScorePart(ScoreCodes.JOBS_THIS_WEEK, v.jobsThisWeek(), null,
                    v.jobsThisWeek() * w.jobThisWeek()));
        }
        if (v.activeJobs() > 0) {
            parts.add(new ScorePart(ScoreCodes.ACTIVE_JOBS, v.activeJobs(), null, v.activeJobs() * w.activeJob()));
        }
        if (need.preferredVolunteerId() != null && need.preferredVolunteerId() == v.volunteerId()) {
            parts.add(new ScorePart(ScoreCodes.PREFERRED, 1, null, w.preferred()));
        }
        if (need.pastVolunteerIds().contains(v.volunteerId())) {
            parts.add(new ScorePart(ScoreCodes.HELPED_BEFORE, 1, null, w.helpedBefore()));
        }
        if (callVolunteer != null && callVolunteer == v.volunteerId()) {
            parts.add(new ScorePart(ScoreCodes.SAME_CALL, 1, null, w.sameCall()));
        }
        if (need.language() != null && v.languages().contains(need.language())) {
            parts.add(new ScorePart(ScoreCodes.LANGUAGE, 1, need.language(), w.language()));
        }
        // the need's own kind is a filter (every candidate has it); else the category's is a preference
        String askedKind = need.volunteerKind() != null ? need.volunteerKind() : categoryKind;
        if (askedKind != null && askedKind.equals(v.kind())) {
            parts.add(new ScorePart(ScoreCodes.KIND, 1, v.kind(), w.kind()));
        }
        if (v.rating() != null) {
            double stars = Math.round(v.rating() * 10) / 10.0;
            parts.add(new ScorePart(ScoreCodes.RATING, stars, null, (5 - stars) * w.ratingStar()));
        }
        double score = parts.stream().mapToDouble(ScorePart::cost).sum();
        return new Scored(v, via, metres, Math.round(score * 10) / 10.0, List.copyOf(parts));
    }

    /** The moment availability and opening hours are judged at: the window's start, or now. */
    static Instant when(MatchingStarted need, Instant now) {
        return need.appointment() ? need.windowStart() : now;
    }
}
