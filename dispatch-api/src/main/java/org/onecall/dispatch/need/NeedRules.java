package org.onecall.dispatch.need;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks beyond the form's shape, shared by the operator's form and intake messages: the
 * category's required fields ({@link CategoryRules}), the time window, and appointments where the
 * community serves a category by appointment. Returns problems rather than throwing: the HTTP edge
 * turns the first into a 400, the intake consumer into a dead letter.
 */
final class NeedRules {

    /** An appointment further ahead than this is almost surely a typo in the year. */
    static final Duration HORIZON = Duration.ofDays(366);

    static List<FieldProblem> check(Requests.RaiseNeed r, ServiceTargets.Target target, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        CategoryRules.Rule rule = CategoryRules.of(r.category());
        for (CategoryRules.Requirement req : rule.requires()) {
            if (req.anyOf().stream().noneMatch(f -> CategoryRules.given(r, f))) {
                String which = req.anyOf().size() == 1 ? "required" : "one of " + String.join(", ", req.anyOf())
                        + " is required";
                problems.add(new FieldProblem(req.anyOf().get(0), which + " for " + r.category() + ": "
                        + req.reason()));
            }
        }
        Requests.Window w = r.window();
        boolean appointment = w != null && w.kind() == Requests.WindowKind.APPOINTMENT;
        if (w != null && w.kind() == Requests.WindowKind.ASAP && (w.start() != null || w.end() != null)) {
            problems.add(new FieldProblem(w.start() != null ? "window.start" : "window.end",
                    "only an APPOINTMENT window has a start and an end"));
        }
        if (appointment) {
            if (w.start() == null) {
                problems.add(new FieldProblem("window.start", "required for an appointment"));
            }
            if (w.end() == null) {
                problems.add(new FieldProblem("window.end", "required for an appointment"));
            }
            if (w.start() != null && w.end() != null && !w.start().isBefore(w.end())) {
                problems.add(new FieldProblem("window.end", "must be after window.start"));
            }
            if (w.start() != null && !w.start().isAfter(now)) {
                problems.add(new FieldProblem("window.start", "must be in the future"));
            }
            if (w.end() != null && w.end().isAfter(now.plus(HORIZON))) {
                problems.add(new FieldProblem("window.end", "must be within a year"));
            }
        }
        if (!appointment && (rule.appointmentOnly() || target.byAppointment())) {
            problems.add(new FieldProblem("window", r.category() + " is served by appointment: give window.kind "
                    + "APPOINTMENT with start and end"));
        }
        return problems;
    }

    /**
     * The service commitment: the end of the appointment, or now plus the category's target,
     * capped at an hour for URGENT (someone should be on the way within the hour).
     */
    static Instant dueAt(Requests.RaiseNeed r, ServiceTargets.Target target, Instant now) {
        Requests.Window w = r.window();
        if (w != null && w.kind() == Requests.WindowKind.APPOINTMENT) {
            return w.end();
        }
        Duration within = target.within();
        if (r.urgency() == Urgency.URGENT && within.compareTo(Duration.ofHours(1)) > 0) {
            within = Duration.ofHours(1);
        }
        return now.plus(within);
    }

    private NeedRules() {
    }
}
