package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import org.onecall.kit.security.CurrentCaller;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.events.NeedEvents.NeedRaised;
import org.onecall.events.NeedItem;
import org.onecall.kit.Refusal;

/**
 * Records needs: from the operator's form, from a call carrying several, or from an intake message.
 * A call about a household and category that already has an open need attaches to it (a repeat
 * call, noted in the need's history) instead of creating a duplicate.
 */
@Singleton
class Raising {

    /** {@code attached}: the call was a repeat and {@code need} is the open need it was added to. */
    record Raised(Need need, boolean attached) {
    }

    static final String HOTLINE = "HOTLINE";

    private final NeedRepository needs;
    private final NeedListRepository.Items items;
    private final NeedListRepository.Details details;
    private final NeedHistoryRepository history;
    private final Lifecycle lifecycle;
    private final Households households;
    private final ServiceTargets targets;
    private final Outbox outbox;
    private final JdbcOperations jdbc;
    private final Clock clock;
    private final CurrentCaller caller;
    private final Preferences preferences;
    private final AppointmentStarts starts;

    Raising(Preferences preferences, AppointmentStarts starts, NeedRepository needs, NeedListRepository.Items items, NeedListRepository.Details details,
            NeedHistoryRepository history, Lifecycle lifecycle, Households households,
            ServiceTargets targets, Outbox outbox, JdbcOperations jdbc, Clock clock, CurrentCaller caller) {
        this.preferences = preferences;
        this.starts = starts;
        this.caller = caller;
        this.needs = needs;
        this.items = items;
        this.details = details;
        this.history = history;
        this.lifecycle = lifecycle;
        this.households = households;
        this.targets = targets;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The operator's form: refuses with 400 naming the field when a rule is not met. */
    @Transactional
    Raised raise(Requests.RaiseNeed r) {
        Household h = households.get(r.householdId());
        caller.requireHousehold(h.communityId(), h.grid());
        refuseFirst(problems(r, h.communityId()));
        return record(r, caller.username(), h, HOTLINE, null);
    }

    /** One call, several needs: every need is checked first, then all are recorded in this one transaction. */
    @Transactional
    List<Raised> call(Requests.Call call) {
        Household h = households.get(call.householdId());
        caller.requireHousehold(h.communityId(), h.grid());
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < call.needs().size(); i++) {
            String prefix = "needs[" + i + "].";
            problems(call.needs().get(i).in(call), h.communityId()).forEach(p -> problems.add(p.under(prefix)));
        }
        refuseFirst(problems);
        List<Raised> raised = new ArrayList<>();
        // the needs of one call share an id, so the matcher can send one volunteer for all of them
        String callId = call.needs().size() < 2 ? null : "call-" + h.id() + "-" + clock.millis();
        for (Requests.CallNeed n : call.needs()) {
            raised.add(record(n.in(call), caller.username(), h, HOTLINE, null, true, callId));
        }
        return raised;
    }

    /** The shared rules, for a household of this community; empty when the need can be recorded. */
    List<FieldProblem> problems(Requests.RaiseNeed r, String communityId) {
        List<FieldProblem> problems = new ArrayList<>(NeedRules.check(r, targets.of(communityId, r.category()),
                clock.instant()));
        problems.addAll(preferences.problems(r, communityId));
        return problems;
    }

    /**
     * Records a need already checked with {@link #problems}, or attaches it to the household's open
     * need of the same category. The household's row is locked first, so two simultaneous calls
     * about the same household cannot both miss each other's need. {@code owner}: the signed-in operator,
     * or for a work order from another system the person it names as having taken the report.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Raised record(Requests.RaiseNeed r, String owner, Household h, String source, @Nullable String sourceId) {
        return record(r, owner, h, source, sourceId, true, null);
    }

    /** {@code match} false: the new need stays OPEN for the caller to offer it (a pairing visit). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Raised record(Requests.RaiseNeed r, String owner, Household h, String source, @Nullable String sourceId,
                  boolean match) {
        return record(r, owner, h, source, sourceId, match, null);
    }

    private Raised record(Requests.RaiseNeed r, String owner, Household h, String source, @Nullable String sourceId,
                          boolean match, @Nullable String callId) {
        lockHousehold(h.id());
        if (!Boolean.TRUE.equals(r.separate())) {
            Optional<Need> open = needs.findOpenOfCategory(h.id(), r.category().name());
            if (open.isPresent()) {
                Need need = open.get();
                history.save(new NeedHistoryEntry(null, need.id(), clock.instant(), "RepeatCall", need.status(),
                        need.status(), owner, repeatNote(r, source, sourceId)));
                return new Raised(need, true);
            }
        }
        // the database keeps microseconds: so must the event, or the two disagree on the due time
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var target = targets.of(h.communityId(), r.category());
        Requests.Window w = r.window();
        boolean appointment = w != null && w.kind() == Requests.WindowKind.APPOINTMENT;
        Need need = needs.save(new Need(null, h.communityId(), h.id(), r.category().name(), r.urgency(),
                r.description().strip(), NeedStatus.OPEN, owner.strip(), source, 0, null, null, now, now,
                sourceId, r.goods(), appointment ? micros(w.start()) : null,
                appointment ? micros(w.end()) : null, micros(NeedRules.dueAt(r, target, now))));
        List<NeedItem> list = new ArrayList<>();
        int position = 0;
        for (Requests.Item item : r.itemList()) {
            NeedItemRow row = items.save(new NeedItemRow(null, need.id(), position++, item.name().strip(),
                    item.count(), blankToNull(item.unit()), blankToNull(item.notes())));
            list.add(new NeedItem(row.name(), row.quantity(), row.unit(), row.notes()));
        }
        detailsOf(r).forEach((name, value) -> details.save(new NeedDetailRow(null, need.id(), name, value)));
        lifecycle.created(need, "NeedRaised", need.takenBy(), r.category().zh()
                + (sourceId == null ? "" : " (" + source + " " + sourceId + ")"));
        outbox.needEvent(need.communityId(), new NeedRaised(need.id(), h.id(), need.category(),
                need.urgency().name(), need.description(), h.building(), h.location(), need.takenBy(), source,
                sourceId, list, need.buysGoods(), need.windowStart(), need.windowEnd(), need.dueAt()));
        preferences.save(need.id(), r, callId);
        return new Raised(match ? starts.begin(need, need.takenBy(), "recorded from " + source) : need, false);
    }

    /** The given details by their field name, e.g. {@code hospital}; blanks are dropped. */
    static Map<String, String> detailsOf(Requests.RaiseNeed r) {
        Map<String, String> given = new LinkedHashMap<>();
        CategoryRules.FIELDS.keySet().stream().filter(f -> f.startsWith("details.")).sorted().forEach(f -> {
            Object v = CategoryRules.FIELDS.get(f).apply(r);
            if (v instanceof String s && !s.isBlank()) {
                given.put(f.substring("details.".length()), s.strip());
            }
        });
        return given;
    }

    private static String repeatNote(Requests.RaiseNeed r, String source, @Nullable String sourceId) {
        StringBuilder note = new StringBuilder(source);
        if (sourceId != null) {
            note.append(' ').append(sourceId);
        }
        note.append(": ").append(r.description().strip());
        if (!r.itemList().isEmpty()) {
            note.append(" [").append(r.itemList().stream()
                    .map(i -> i.name().strip() + " ×" + i.count() + (i.unit() == null ? "" : " " + i.unit()))
                    .collect(Collectors.joining(", "))).append(']');
        }
        return note.length() > 2000 ? note.substring(0, 2000) : note.toString();
    }

    private void lockHousehold(long householdId) {
        jdbc.prepareStatement("SELECT id FROM household WHERE id = ? FOR UPDATE", ps -> {
            ps.setLong(1, householdId);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private static void refuseFirst(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw Refusal.invalid(problems.get(0).field(), problems.get(0).reason());
        }
    }

    private static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
