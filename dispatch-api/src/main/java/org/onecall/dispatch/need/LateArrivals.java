package org.onecall.dispatch.need;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.onecall.dispatch.account.Accounts;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.events.NeedEvents.JobDelayed;

/**
 * A volunteer who has not arrived by what the resident was told (the appointment window's end, else the due
 * time) plus a grace: found once per need and volunteer (the row's unique key), with a history line, and a
 * {@link JobDelayed} naming the community's coordinators and the need's owner, in one transaction.
 */
@Singleton
class LateArrivals {

    @MappedEntity("arrival_overdue")
    record Row(@Id @GeneratedValue @Nullable Long id, long needId, long volunteerId, Instant promisedBy,
               Instant foundAt) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends CrudRepository<Row, Long> {
        boolean existsByNeedIdAndVolunteerId(long needId, long volunteerId);
    }

    private final NeedRepository needs;
    private final Repository rows;
    private final Lifecycle lifecycle;
    private final Accounts accounts;
    private final Outbox outbox;
    private final Duration grace;

    LateArrivals(NeedRepository needs, Repository rows, Lifecycle lifecycle, Accounts accounts, Outbox outbox,
                 @Value("${onecall.arrival.grace:15m}") Duration grace) {
        this.needs = needs;
        this.rows = rows;
        this.lifecycle = lifecycle;
        this.accounts = accounts;
        this.outbox = outbox;
        this.grace = grace;
    }

    List<Need> candidates(Instant now) {
        return needs.findNotArrivedBy(now.minus(grace));
    }

    /** What the resident was told to expect by, or null when they were told "as soon as possible". */
    @Nullable
    static Instant promisedBy(Need need) {
        return need.windowStart() != null && need.windowEnd() != null ? need.windowEnd() : need.dueAt();
    }

    /** Records the late arrival if the need is still ASSIGNED to a volunteer past the promise; returns whether it did. */
    @Transactional
    boolean flag(long needId, Instant now) {
        Need need = needs.findById(needId).orElseThrow();
        Instant promised = promisedBy(need);
        if (need.status() != NeedStatus.ASSIGNED || need.volunteerId() == null || promised == null
                || !now.isAfter(promised.plus(grace)) || rows.existsByNeedIdAndVolunteerId(needId, need.volunteerId())) {
            return false;
        }
        rows.save(new Row(null, needId, need.volunteerId(), promised, now));
        Set<String> tell = new LinkedHashSet<>();
        accounts.coordinators(need.communityId(), null, null).forEach(s -> tell.add(s.username()));
        tell.add(need.takenBy());
        lifecycle.note(need, "JobDelayed", Ladder.SYSTEM, "volunteer-" + need.volunteerId() + " not arrived by "
                + promised + " (+" + grace.toMinutes() + " min grace); resident told, " + String.join("、", tell)
                + " notified");
        outbox.needEvent(need.communityId(), new JobDelayed(needId, need.volunteerId(), JobDelayed.NOT_ARRIVED,
                promised, List.copyOf(tell)));
        return true;
    }
}
