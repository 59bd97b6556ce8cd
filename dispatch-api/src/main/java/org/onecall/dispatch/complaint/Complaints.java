package org.onecall.dispatch.complaint;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.account.StaffToTell;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.dispatch.rates.Period;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.LoopEvents.ComplaintOpened;
import org.onecall.events.LoopEvents.ComplaintResolved;
import org.onecall.kit.Refusal;
import org.onecall.kit.security.CurrentCaller;

/** Complaints (投诉处理制): opened by a call-back answer, listed for the staff who handle them. */
@Singleton
public class Complaints {

    /** A rating at or below this opens a complaint even when the resident says it was solved. */
    public static final int COMPLAINT_AT_OR_BELOW = 2;

    private final ComplaintRepository complaints;
    private final StaffToTell staff;
    private final Outbox outbox;
    private final Volunteers volunteers;
    private final CurrentCaller caller;
    private final Clock clock;
    private final Households households;

    Complaints(ComplaintRepository complaints, StaffToTell staff, Outbox outbox, Volunteers volunteers,
               CurrentCaller caller, Clock clock, Households households) {
        this.households = households;
        this.complaints = complaints;
        this.staff = staff;
        this.outbox = outbox;
        this.volunteers = volunteers;
        this.caller = caller;
        this.clock = clock;
    }

    public static boolean isComplaint(int rating, boolean solved) {
        return !solved || rating <= COMPLAINT_AT_OR_BELOW;
    }

    /** What was said, for the record: the resident's words, or the rating when they gave none. */
    public record Answer(long feedbackId, int rating, boolean solved, @Nullable String comment) {
        String about() {
            String said = comment == null || comment.isBlank() ? null : comment.strip();
            String rated = "评分 " + rating + (solved ? "" : "，未解决");
            return said == null ? rated : rated + "：" + said;
        }
    }

    /**
     * Records the complaint and the {@link ComplaintOpened} notice naming the coordinators to tell, in
     * the caller's transaction (the one that reopens the need).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Complaint open(long needId, Household household, @Nullable Long volunteerId, Answer answer,
                          String recordedBy) {
        List<String> notify = staff.coordinatorsOf(household.communityId(), household.grid());
        Complaint complaint = complaints.save(new Complaint(null, household.communityId(), needId, household.id(),
                answer.feedbackId(), volunteerId, household.headName(), clip(answer.about()), answer.rating(),
                answer.solved(), Complaint.OPEN, recordedBy, String.join(",", notify), clock.instant(), null, null,
                null));
        outbox.needEvent(household.communityId(), new ComplaintOpened(complaint.id(), needId, household.id(),
                volunteerId, answer.rating(), answer.solved(), complaint.about(), recordedBy, notify));
        return complaint;
    }

    /**
     * The volunteers complaints about this need name: the need must not go back to them. This is the
     * list the integrator feeds into the matcher's {@code avoidVolunteerIds} (C4); dispatch-api already
     * excludes them from every later round itself.
     */
    public List<Long> volunteersComplainedAbout(long needId) {
        return complaints.findByNeedIdOrderById(needId).stream().map(Complaint::volunteerId)
                .filter(v -> v != null).distinct().toList();
    }

    /** Closes an open complaint with what was done; staff of the household's community and grid only. */
    @Transactional
    ComplaintView resolve(long complaintId, String resolution) {
        Complaint c = complaints.findById(complaintId).orElseThrow(() -> Refusal.notFound("complaint", complaintId));
        caller.requireHousehold(c.communityId(), households.get(c.householdId()).grid());
        if (complaints.resolve(complaintId, resolution.strip(), caller.username(), clock.instant()) == 0) {
            throw Refusal.conflict("complaint " + complaintId + " is already " + c.status());
        }
        outbox.needEvent(c.communityId(), new ComplaintResolved(complaintId, c.needId(), resolution.strip(),
                caller.username()));
        return views(List.of(complaints.findById(complaintId).orElseThrow())).get(0);
    }

    /** Complaints raised in the period, newest first; a grid leader's only of their grids. */
    List<ComplaintView> list(String communityId, Period period) {
        caller.requireCommunityView(communityId);
        var grids = caller.gridLimit();
        List<Complaint> found = grids.isPresent()
                ? complaints.inGrids(communityId, grids.get(), period.start(), period.end())
                : complaints.inCommunity(communityId, period.start(), period.end());
        return views(found);
    }

    private List<ComplaintView> views(List<Complaint> found) {
        Map<Long, String> names = volunteers.byIds(found.stream().map(Complaint::volunteerId)
                .filter(v -> v != null).distinct().toList()).stream()
                .collect(Collectors.toMap(Volunteer::id, Volunteer::name, (a, b) -> a));
        return found.stream().map(c -> new ComplaintView(c.id(), c.needId(), c.householdId(), c.complainant(),
                c.volunteerId(), c.volunteerId() == null ? null : names.get(c.volunteerId()), c.about(), c.rating(),
                c.solved(), c.status(), c.recordedBy(), csv(c.notified()), c.createdAt(), c.resolution(),
                c.resolvedBy(), c.resolvedAt())).toList();
    }

    /** {@code volunteerId}: the volunteer complained about, to keep off the reopened need (C4 avoid list). */
    record ComplaintView(long id, long needId, long householdId, String complainant, @Nullable Long volunteerId,
                         @Nullable String volunteerName, String about, int rating, boolean solved, String status,
                         String recordedBy, List<String> notified, Instant createdAt, @Nullable String resolution,
                         @Nullable String resolvedBy, @Nullable Instant resolvedAt) {
    }

    private static List<String> csv(String s) {
        return s.isBlank() ? List.of() : Arrays.stream(s.split(",")).toList();
    }

    private static String clip(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }

}
