package org.onecall.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Needs arriving from other systems on {@link Topics#INTAKE}: the city's 12345 hotline dispatching a
 * work order (工单) to the community, or a grid member reporting from a phone. dispatch-api checks
 * each one exactly like an operator's form and records it as a need once per
 * ({@code source}, {@code sourceId}); whatever it cannot accept goes to the dead-letter topic with
 * the field and the reason. The community is the envelope's {@code communityId}.
 *
 * <p>Field names are those of the operator's form ({@code POST /api/needs}), so a reason such as
 * {@code items[0].name: must not be blank} points into this message too. Values stay plain strings
 * where another system may send something we do not know (category, urgency): an unknown value is a
 * reason to dead-letter, not a parse failure.
 */
public final class IntakeEvents {

    /**
     * @param source         {@code 12345} (city hotline work order) or {@code GRID} (a grid member's report)
     * @param sourceId       the work order number or report id in that system; unique per source
     * @param householdId    our household id when the sender knows it, else null
     * @param householdPhone any of the household's phone numbers, used when {@code householdId} is null
     * @param details        category-specific fields by name, e.g. {@code hospital}, {@code whatIsBroken}
     * @param buysGoods      null: decided from the category and the items
     * @param window         null: as soon as possible
     * @param reportedBy     who took it in the other system (12345 agent, grid member); becomes the owner
     */
    public record WorkOrderReceived(String source, String sourceId, Long householdId, String householdPhone,
                                    String category, String urgency, String description, List<NeedItem> items,
                                    Map<String, String> details, Boolean buysGoods, Window window,
                                    String reportedBy) implements EventPayload {
        public String aggregateId() { return "intake-" + source + "-" + sourceId; }
    }

    /** {@code kind} ASAP (start and end null) or APPOINTMENT (start before end, in the future). */
    public record Window(String kind, Instant start, Instant end) {
    }

    private IntakeEvents() {
    }
}
