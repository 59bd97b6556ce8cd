package org.onecall.dispatch.need;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.HouseholdRepository;
import org.onecall.dispatch.household.Households;
import org.onecall.events.Category;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventPayload;
import org.onecall.events.IntakeEvents.WorkOrderReceived;

/**
 * Needs from other systems (12345 work orders, grid members' reports). Each message is checked exactly
 * like the operator's form: the same request record under the same bean validation, then the same
 * {@link NeedRules}. It is recorded once per (source, sourceId): the receipt is written in the same
 * transaction as the need, so a redelivered or resent message finds it and does nothing.
 */
@Singleton
class Intake {

    static final String CONSUMER = "dispatch-api.intake";
    static final Set<String> SOURCES = Set.of("12345", "GRID");

    sealed interface Result permits Recorded, Duplicate, Rejected {
    }

    /** A new need, or ({@code attached}) a repeat added to the household's open need. */
    record Recorded(long needId, boolean attached) implements Result {
    }

    record Duplicate(long needId) implements Result {
    }

    /** Cannot be recorded: {@code field} in the form's terms and the reason, for the dead-letter topic. */
    record Rejected(String field, String reason) implements Result {
        @Override
        public String toString() {
            return field + ": " + reason;
        }
    }

    private final Raising raising;
    private final IntakeReceiptRepository receipts;
    private final HouseholdRepository households;
    private final Validator validator;
    private final Households byPhoneNumber;
    private final Clock clock;

    Intake(Raising raising, IntakeReceiptRepository receipts, HouseholdRepository households,
           Households byPhoneNumber, Validator validator, Clock clock) {
        this.raising = raising;
        this.receipts = receipts;
        this.households = households;
        this.validator = validator;
        this.byPhoneNumber = byPhoneNumber;
        this.clock = clock;
    }

    Result receive(EventEnvelope envelope) {
        Object message = message(envelope);
        if (message instanceof Rejected r) {
            return r;
        }
        WorkOrderReceived m = (WorkOrderReceived) message;
        Optional<Long> seen = receipts.findNeedId(m.source(), m.sourceId());
        if (seen.isPresent()) {
            return new Duplicate(seen.get());
        }
        Household household;
        Object found = household(envelope.communityId(), m);
        if (found instanceof Rejected r) {
            return r;
        }
        household = (Household) found;
        Object form = checkedForm(m, household.id(), validator);
        if (form instanceof Rejected r) {
            return r;
        }
        Requests.RaiseNeed request = (Requests.RaiseNeed) form;
        List<FieldProblem> problems = raising.problems(request, household.communityId());
        if (!problems.isEmpty()) {
            return new Rejected(problems.get(0).field(), problems.get(0).reason());
        }
        return record(request, household, m);
    }

    /**
     * The checks of the message alone, before anything is looked up: the {@link WorkOrderReceived}, or
     * a {@link Rejected}. Throws only {@link org.onecall.events.MalformedEventException} (not a payload of
     * its type). Pure, so IntakeFuzzTest can fuzz it without a database or broker.
     */
    static Object message(EventEnvelope envelope) {
        EventPayload payload = envelope.typedPayload();
        if (!(payload instanceof WorkOrderReceived m)) {
            return new Rejected("type", "expected WorkOrderReceived on the intake topic, got " + envelope.type());
        }
        if (m.source() == null || !SOURCES.contains(m.source())) {
            return new Rejected("source", "must be one of " + SOURCES.stream().sorted().toList());
        }
        if (m.sourceId() == null || !m.sourceId().matches("[!-~]{1,100}")) {
            return new Rejected("sourceId", "must be 1 to 100 printable ASCII characters");
        }
        return m;
    }

    /**
     * The message as the operator's form for this household under the form's own checks (its reporter,
     * bean validation): the {@link Requests.RaiseNeed}, or a {@link Rejected}. Pure, like {@link #message}.
     */
    static Object checkedForm(WorkOrderReceived m, Long householdId, Validator validator) {
        Object form = form(m, householdId);
        if (form instanceof Rejected r) {
            return r;
        }
        Requests.RaiseNeed request = (Requests.RaiseNeed) form;
        Optional<Rejected> reporter = reporter(m.reportedBy());
        if (reporter.isPresent()) {
            return reporter.get();
        }
        Optional<Rejected> invalid = validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> path(v.getPropertyPath())))
                .findFirst().map(v -> new Rejected(path(v.getPropertyPath()), v.getMessage()));
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return request;
    }

    @Transactional
    Result record(Requests.RaiseNeed request, Household household, WorkOrderReceived m) {
        Raising.Raised raised = raising.record(request, m.reportedBy().strip(), household, m.source(), m.sourceId());
        receipts.insert(m.source(), m.sourceId(), raised.need().id(), raised.attached(), clock.instant());
        return new Recorded(raised.need().id(), raised.attached());
    }

    private Object household(String communityId, WorkOrderReceived m) {
        if (m.householdId() != null) {
            Optional<Household> h = households.findById(m.householdId());
            if (h.isEmpty() || !h.get().communityId().equals(communityId)) {
                return new Rejected("householdId", "no household " + m.householdId() + " in community " + communityId);
            }
            return h.get();
        }
        if (m.householdPhone() == null || m.householdPhone().isBlank()) {
            return new Rejected("householdId", "give householdId or householdPhone");
        }
        List<Household> byPhone = byPhoneNumber.byPhone(m.householdPhone()).stream()
                .filter(h -> h.communityId().equals(communityId)).toList();
        if (byPhone.isEmpty()) {
            return new Rejected("householdPhone", "no household in community " + communityId + " has this number");
        }
        if (byPhone.size() > 1) {
            return new Rejected("householdPhone", byPhone.size() + " households in community " + communityId
                    + " have this number; give householdId");
        }
        return byPhone.get(0);
    }

    /** The operator's form, filled from the message; unknown names and values are reasons, not crashes. */
    private static Object form(WorkOrderReceived m, Long householdId) {
        Category category;
        Urgency urgency;
        try {
            category = Category.valueOf(String.valueOf(m.category()));
        } catch (IllegalArgumentException e) {
            return new Rejected("category", "must be one of " + Arrays.toString(Category.values()));
        }
        try {
            urgency = Urgency.valueOf(String.valueOf(m.urgency()));
        } catch (IllegalArgumentException e) {
            return new Rejected("urgency", "must be one of " + Arrays.toString(Urgency.values()));
        }
        Map<String, String> given = m.details() == null ? Map.of() : m.details();
        Set<String> known = Arrays.stream(Requests.Details.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toSet());
        Optional<String> unknown = given.keySet().stream().filter(k -> !known.contains(k)).sorted().findFirst();
        if (unknown.isPresent()) {
            return new Rejected("details." + unknown.get(), "unknown detail; known: " + known.stream().sorted().toList());
        }
        Requests.Details details = given.isEmpty() ? null : convert(given);
        List<Requests.Item> items = m.items() == null ? null : m.items().stream()
                .map(i -> i == null ? null : new Requests.Item(i.name(), i.quantity(), i.unit(), i.notes())).toList();
        Requests.Window window = null;
        if (m.window() != null) {
            try {
                window = new Requests.Window(m.window().kind() == null ? null
                        : Requests.WindowKind.valueOf(m.window().kind()), m.window().start(), m.window().end());
            } catch (IllegalArgumentException e) {
                return new Rejected("window.kind", "must be one of " + Arrays.toString(Requests.WindowKind.values()));
            }
        }
        return new Requests.RaiseNeed(householdId, category, urgency, m.description(), items, details,
                window, m.buysGoods(), null);
    }

    private static Requests.Details convert(Map<String, String> d) {
        return new Requests.Details(d.get("prescriptionNote"), d.get("hospital"), d.get("department"),
                d.get("whatIsBroken"), d.get("parties"), d.get("topic"), d.get("place"));
    }

    /** Who took the report in the other system: they own the need here (首问负责), as an operator would. */
    private static Optional<Rejected> reporter(String reportedBy) {
        if (reportedBy == null || reportedBy.isBlank()) {
            return Optional.of(new Rejected("reportedBy", "must not be blank"));
        }
        if (reportedBy.strip().length() > 64 || !reportedBy.matches(Requests.ONE_LINE)) {
            return Optional.of(new Rejected("reportedBy", "must be one line of at most 64 characters"));
        }
        return Optional.empty();
    }

    /** "items[0].name": the field as the message names it. */
    static String path(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null && !sb.isEmpty()) {
                sb.append('[').append(node.getIndex()).append(']');
            }
            String name = node.getName();
            if (name == null || name.startsWith("<")) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(name);
        }
        return sb.toString();
    }
}
