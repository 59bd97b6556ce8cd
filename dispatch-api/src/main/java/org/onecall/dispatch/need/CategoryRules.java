package org.onecall.dispatch.need;

import static java.util.Map.entry;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.onecall.events.Category;

/**
 * What each category needs to be actionable, as a table (data, not code paths): for every group of
 * field names at least one must be given, and some categories are only served at an appointment.
 *
 * <pre>
 * category            must give (one of each group)                          time window
 * MEALS               -                                                      any
 * MEDICINE            items | details.prescriptionNote                       any
 * ERRANDS             items | details.topic                                  any
 * REPAIRS             details.whatIsBroken                                   any
 * HOSPITAL_ESCORT     details.hospital                                       APPOINTMENT
 * HOME_CARE           -                                                      any
 * COMPANIONSHIP       -                                                      APPOINTMENT
 * COUNSELLING         -                                                      any
 * MEDIATION           details.parties                                        any
 * POLICY_CONSULTING   details.topic                                          any
 * EDUCATION           details.topic                                          any
 * EMPLOYMENT          -                                                      any
 * ENVIRONMENT_SAFETY  details.place                                          any
 * </pre>
 *
 * A community whose service target for a category is "by appointment" also requires an appointment
 * (see {@link ServiceTargets}). The description is always required. Adding a rule is a row here and a
 * test; adding a new field name also needs it in {@link #FIELDS} and {@link Requests.Details}.
 */
final class CategoryRules {

    /** At least one of {@code anyOf} must be given; {@code reason} tells the operator what to ask. */
    record Requirement(List<String> anyOf, String reason) {
    }

    record Rule(List<Requirement> requires, boolean appointmentOnly) {
    }

    private static final Rule NOTHING_MORE = new Rule(List.of(), false);

    static final Map<Category, Rule> TABLE = new EnumMap<>(Map.ofEntries(
            entry(Category.MEALS, NOTHING_MORE),
            entry(Category.MEDICINE, rule(false, need("list the medicines (items) or note the prescription",
                    "items", "details.prescriptionNote"))),
            entry(Category.ERRANDS, rule(false, need("list what to buy (items) or say what the errand is",
                    "items", "details.topic"))),
            entry(Category.REPAIRS, rule(false, need("say what is broken", "details.whatIsBroken"))),
            entry(Category.HOSPITAL_ESCORT, rule(true, need("name the hospital", "details.hospital"))),
            entry(Category.HOME_CARE, NOTHING_MORE),
            entry(Category.COMPANIONSHIP, rule(true)),
            entry(Category.COUNSELLING, NOTHING_MORE),
            entry(Category.MEDIATION, rule(false, need("say who the dispute is with", "details.parties"))),
            entry(Category.POLICY_CONSULTING, rule(false, need("say which policy or paperwork", "details.topic"))),
            entry(Category.EDUCATION, rule(false, need("say what the question is about", "details.topic"))),
            entry(Category.EMPLOYMENT, NOTHING_MORE),
            entry(Category.ENVIRONMENT_SAFETY, rule(false, need("say where the problem is", "details.place")))));

    /** How each field name in the table is read from the form; "given" means non-blank or a non-empty list. */
    static final Map<String, Function<Requests.RaiseNeed, Object>> FIELDS = Map.of(
            "items", Requests.RaiseNeed::itemList,
            "details.prescriptionNote", r -> r.detailsOrEmpty().prescriptionNote(),
            "details.hospital", r -> r.detailsOrEmpty().hospital(),
            "details.department", r -> r.detailsOrEmpty().department(),
            "details.whatIsBroken", r -> r.detailsOrEmpty().whatIsBroken(),
            "details.parties", r -> r.detailsOrEmpty().parties(),
            "details.topic", r -> r.detailsOrEmpty().topic(),
            "details.place", r -> r.detailsOrEmpty().place());

    static Rule of(Category category) {
        return TABLE.getOrDefault(category, NOTHING_MORE);
    }

    static boolean given(Requests.RaiseNeed r, String field) {
        Object value = FIELDS.get(field).apply(r);
        if (value instanceof String s) {
            return !s.isBlank();
        }
        if (value instanceof List<?> l) {
            return !l.isEmpty();
        }
        return value != null;
    }

    private static Rule rule(boolean appointmentOnly, Requirement... requires) {
        return new Rule(List.of(requires), appointmentOnly);
    }

    private static Requirement need(String reason, String... anyOf) {
        return new Requirement(List.of(anyOf), reason);
    }

    private CategoryRules() {
    }
}
