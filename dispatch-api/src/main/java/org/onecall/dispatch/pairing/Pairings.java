package org.onecall.dispatch.pairing;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.need.VisitNeeds;
import org.onecall.dispatch.account.StaffToTell;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.dispatch.pairing.Repositories.PairingRepository;
import org.onecall.dispatch.pairing.Repositories.VisitRepository;
import org.onecall.dispatch.team.Teams;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.LoopEvents.PairingVisitMissed;
import org.onecall.events.TimeWindow;
import org.onecall.kit.Refusal;
import org.onecall.kit.security.CurrentCaller;

/**
 * One-to-one pairings (一帮一): set up by the community office; each visit raised as a need
 * ({@link VisitNeeds}) a while before its window, and judged when the window ends: a visit the volunteer
 * did not arrive for is missed, and the misses in a row decide whom {@link PairingVisitMissed} alerts.
 */
@Singleton
class Pairings {

    @Introspected
    record NewPairing(@NotNull @Positive Long volunteerId, @NotNull @Positive Long householdId,
                      @NotBlank @Size(max = 200) @Pattern(regexp = org.onecall.dispatch.household.Text.ONE_LINE,
                              message = "must be one line without control characters") String schedule,
                      @Nullable @Size(max = 2000) @Pattern(regexp = "[^\\x00]*",
                              message = "must not contain the NUL character (U+0000)") String description) {
    }

    record PairingView(long id, long volunteerId, String volunteerName, long householdId, String householdName,
                       @Nullable String grid, String schedule, String description, boolean active, int missedInRow,
                       List<PairingVisit> recentVisits) {
    }

    static final String DEFAULT_DESCRIPTION = "一帮一定期走访";

    private final PairingRepository pairings;
    private final VisitRepository visits;
    private final VisitNeeds visitNeeds;
    private final Households households;
    private final Volunteers volunteers;
    private final Teams teams;
    private final StaffToTell staff;
    private final Outbox outbox;
    private final CurrentCaller caller;
    private final Clock clock;

    Pairings(PairingRepository pairings, VisitRepository visits, VisitNeeds visitNeeds, Households households,
             Volunteers volunteers, Teams teams, StaffToTell staff, Outbox outbox, CurrentCaller caller, Clock clock) {
        this.pairings = pairings;
        this.visits = visits;
        this.visitNeeds = visitNeeds;
        this.households = households;
        this.volunteers = volunteers;
        this.teams = teams;
        this.staff = staff;
        this.outbox = outbox;
        this.caller = caller;
        this.clock = clock;
    }

    @Transactional
    PairingView create(String communityId, NewPairing r) {
        Household h = households.get(r.householdId());
        if (!h.communityId().equals(communityId)) {
            throw Refusal.invalid("householdId", "household " + h.id() + " is not in community " + communityId);
        }
        caller.requireHousehold(h.communityId(), h.grid());
        Volunteer v = volunteers.find(r.volunteerId())
                .orElseThrow(() -> Refusal.invalid("volunteerId", "volunteer " + r.volunteerId() + " does not exist"));
        if (!v.communityId().equals(communityId)) {
            throw Refusal.invalid("volunteerId", "volunteer " + v.id() + " is not in community " + communityId);
        }
        List<TimeWindow> windows = windows(r.schedule());
        String description = r.description() == null || r.description().isBlank() ? DEFAULT_DESCRIPTION
                : r.description().strip();
        Pairing p = pairings.save(new Pairing(null, communityId, v.id(), h.id(), TimeWindow.formatAll(windows),
                description, true, 0, caller.username(), clock.instant()));
        return view(p);
    }

    List<PairingView> list(String communityId) {
        caller.requireCommunityView(communityId);
        List<PairingView> list = new ArrayList<>();
        for (Pairing p : pairings.findByCommunityIdOrderById(communityId)) {
            Household h = households.get(p.householdId());
            if (caller.servesHousehold(h.communityId(), h.grid())) {
                list.add(view(p));
            }
        }
        return list;
    }

    /** Raises the visits whose window starts within {@code lead} of now and are not raised yet. */
    @Transactional
    int raiseDue(long pairingId, Instant now, Duration lead, ZoneId zone) {
        Pairing p = pairings.findById(pairingId).orElseThrow();
        Household h = households.get(p.householdId());
        Volunteer v = volunteers.get(p.volunteerId());
        int raised = 0;
        for (TimeWindow w : TimeWindow.parseAll(p.schedule())) {
            LocalDateTime local = LocalDateTime.ofInstant(now, zone);
            LocalDateTime start = local.toLocalDate().with(TemporalAdjusters.nextOrSame(w.day())).atTime(w.from());
            if (start.isBefore(local)) {
                start = start.plusWeeks(1);
            }
            Instant windowStart = start.atZone(zone).toInstant();
            Instant windowEnd = start.toLocalDate().atTime(w.to()).atZone(zone).toInstant();
            if (windowStart.minus(lead).isAfter(now) || visits.existsByPairingIdAndWindowStart(p.id(), windowStart)) {
                continue;
            }
            long need = visitNeeds.raise(h, v, p.description(), windowStart, windowEnd, p.createdBy(),
                    "pairing-" + p.id() + "@" + windowStart);
            visits.save(new PairingVisit(null, p.id(), need, windowStart, windowEnd, PairingVisit.SCHEDULED, null));
            raised++;
        }
        return raised;
    }

    List<Long> activeIds() {
        return pairings.findByActiveTrueOrderById().stream().map(Pairing::id).toList();
    }

    List<PairingVisit> dueVisits(Instant now) {
        return visits.due(now);
    }

    /**
     * Settles a visit whose window ended: VISITED when the volunteer arrived, else MISSED with the alert.
     * The first miss in a row tells the paired volunteer's team leaders; from the second on, the
     * household's grid leader too (by volunteer id, and their accounts by username).
     */
    @Transactional
    void settle(PairingVisit visit, Instant now) {
        boolean visited = visitNeeds.visited(visit.needId());
        if (visits.settle(visit.id(), visited ? PairingVisit.VISITED : PairingVisit.MISSED, now) == 0) {
            return;
        }
        Pairing p = pairings.findById(visit.pairingId()).orElseThrow();
        if (visited) {
            pairings.setMissed(p.id(), 0);
            return;
        }
        int inARow = p.missedInRow() + 1;
        pairings.setMissed(p.id(), inARow);
        Household h = households.get(p.householdId());
        List<Long> leaders = new ArrayList<>(teams.teamLeadersOf(p.volunteerId()));
        List<String> accounts = List.of();
        if (inARow >= 2 && h.grid() != null) {
            teams.gridLeaderOf(h.communityId(), h.grid()).filter(g -> !leaders.contains(g)).ifPresent(leaders::add);
            accounts = staff.gridLeadersOf(h.communityId(), h.grid());
        }
        outbox.needEvent(p.communityId(), new PairingVisitMissed(p.id(), visit.id(), p.householdId(),
                p.volunteerId(), visit.windowStart(), visit.windowEnd(), inARow, leaders, accounts));
    }

    private PairingView view(Pairing p) {
        Household h = households.get(p.householdId());
        Volunteer v = volunteers.get(p.volunteerId());
        List<PairingVisit> recent = visits.findByPairingIdOrderByWindowStartDesc(p.id());
        return new PairingView(p.id(), v.id(), v.name(), h.id(), h.headName(), h.grid(), p.schedule(),
                p.description(), p.active(), p.missedInRow(), recent.subList(0, Math.min(5, recent.size())));
    }

    /** Weekly windows within one day (a visit does not run past midnight). */
    private static List<TimeWindow> windows(String schedule) {
        List<TimeWindow> windows;
        try {
            windows = TimeWindow.parseAll(schedule);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("schedule", e.getMessage());
        }
        if (windows.isEmpty()) {
            throw Refusal.invalid("schedule", "must name at least one weekly window, e.g. 周二 09:00-11:00");
        }
        for (TimeWindow w : windows) {
            if (!w.from().isBefore(w.to())) {
                throw Refusal.invalid("schedule", "a visit window must end the same day after it starts: "
                        + TimeWindow.formatAll(List.of(w)));
            }
        }
        return windows;
    }
}
