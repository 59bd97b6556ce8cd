package org.onecall.dispatch.need;

import jakarta.inject.Singleton;

/**
 * A resident's rating given by SMS, recorded through the same feedback path as the operator's, with
 * the resident (not a staff account) as who acted. "0" means "not solved": the feedback record takes
 * ratings 1..5 only, so it is kept as rating 1 with solved = false and the resident's words in the
 * comment; either way it is a complaint, which reopens the need.
 */
@Singleton
public class ResidentFeedback {

    public static final String ACTOR = "resident by SMS";
    static final String NOT_SOLVED = "短信回复 0：问题没有解决";

    private final NeedService needs;

    ResidentFeedback(NeedService needs) {
        this.needs = needs;
    }

    /** False when the need no longer waits for a rating (someone recorded one already). */
    public boolean rate(long needId, int digit) {
        if (needs.get(needId).status() != NeedStatus.DONE) {
            return false;
        }
        Requests.Feedback f = digit == 0 ? new Requests.Feedback(1, false, NOT_SOLVED)
                : new Requests.Feedback(digit, true, null);
        needs.feedback(needId, f, ACTOR);
        return true;
    }
}
