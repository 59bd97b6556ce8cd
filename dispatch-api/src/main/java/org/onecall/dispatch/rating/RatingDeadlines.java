package org.onecall.dispatch.rating;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Looks for ratings not answered in time; tests call {@link Ratings#overdue} with a later instant instead of waiting. */
@Singleton
class RatingDeadlines {

    private final Ratings ratings;
    private final Clock clock;

    RatingDeadlines(Ratings ratings, Clock clock) {
        this.ratings = ratings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${onecall.ratings.check:5m}", initialDelay = "${onecall.ratings.check:5m}")
    void check() {
        ratings.overdue(clock.instant());
    }
}
