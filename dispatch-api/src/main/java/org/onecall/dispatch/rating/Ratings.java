package org.onecall.dispatch.rating;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.onecall.dispatch.callback.CallbackTask;
import org.onecall.dispatch.callback.Callbacks;
import org.onecall.dispatch.need.NeedQueries;
import org.onecall.dispatch.need.ResidentFeedback;
import org.onecall.kit.UniqueViolation;

/**
 * The rating asked of a household by SMS once its need is done: remembered when asked, so that the
 * household's reply finds its need and a rating not given within {@code onecall.ratings.answer-within}
 * becomes a NO_RATING call-back task for the need's owner.
 */
@Singleton
public class Ratings {

    /** One SMS segment with the signature; the digit is the whole answer. */
    public static final String QUESTION = "请为本次服务打分：回复 1-5，0 表示问题没有解决";

    private final RatingRequestRepository requests;
    private final ResidentFeedback feedback;
    private final Callbacks callbacks;
    private final NeedQueries needs;
    private final Clock clock;
    private final Duration answerWithin;

    Ratings(RatingRequestRepository requests, ResidentFeedback feedback, Callbacks callbacks, NeedQueries needs,
            Clock clock,
            @Value("${onecall.ratings.answer-within:24h}") Duration answerWithin) {
        this.requests = requests;
        this.feedback = feedback;
        this.callbacks = callbacks;
        this.needs = needs;
        this.clock = clock;
        this.answerWithin = answerWithin;
    }

    /** The reply to a rating asked: which need, and whether the digit became its rating. */
    public record Answer(long needId, long householdId, boolean rated) {
    }

    /** Remembers the question (a redelivered notice asks once). */
    public void asked(long needId, long householdId) {
        if (requests.existsById(needId)) {
            return;
        }
        try {
            save(new RatingRequest(needId, householdId, clock.instant(), null, null));
        } catch (RuntimeException e) {
            if (!UniqueViolation.of(e, "rating_request")) {
                throw e;
            }
        }
    }

    @Transactional
    RatingRequest save(RatingRequest r) {
        return requests.save(r);
    }

    /**
     * A household's SMS about the latest rating it was asked for: a single digit 0..5 is the rating,
     * anything else is only the resident's words (the caller keeps them for the coordinator). Empty
     * when none of these households was asked.
     */
    @Transactional
    public Optional<Answer> answer(Collection<Long> householdIds, String content) {
        if (householdIds.isEmpty()) {
            return Optional.empty();
        }
        return requests.findLatestOpen(householdIds).stream().findFirst().map(r -> {
            String digit = content.strip();
            if (!digit.matches("[0-5]")) {
                return new Answer(r.needId(), r.householdId(), false);
            }
            boolean rated = feedback.rate(r.needId(), Integer.parseInt(digit));
            requests.answer(r.needId(), clock.instant());
            return new Answer(r.needId(), r.householdId(), rated);
        });
    }

    /** Call-back tasks for the ratings not answered in time, each once; answers how many were raised. */
    public int overdue(Instant now) {
        int raised = 0;
        for (RatingRequest r : requests.findUnanswered(now.minus(answerWithin))) {
            if (!needs.summary(r.needId()).status().equals("DONE")) {
                // rated another way (the operator's call, a coordinator): nothing to chase
                requests.answer(r.needId(), now);
                continue;
            }
            callbacks.raise(r.needId(), CallbackTask.Reason.NO_RATING, "rating-overdue", "短信评分没有回复：" + QUESTION);
            raised += requests.overdue(r.needId(), now);
        }
        return raised;
    }

    /** Asked of a household that cannot be texted: the operator asks on the phone instead. */
    public CallbackTask byPhone(long needId, String eventId) {
        return callbacks.raise(needId, CallbackTask.Reason.NO_RATING, eventId, QUESTION);
    }
}
