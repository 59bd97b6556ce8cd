package org.onecall.dispatch.team;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.EnumMap;
import java.util.Map;
import org.onecall.dispatch.volunteer.VolunteerKind;

/**
 * One grid's active volunteers by kind, the target for the 1 : 5 : 10 rule (steward : retired :
 * in-service) and the shortfall per kind. Residents count in {@code counts} but not in the rule.
 */
@Introspected
record GridRatio(String grid, @Nullable String name, @Nullable Long leaderVolunteerId,
                 Map<VolunteerKind, Integer> counts, Map<VolunteerKind, Integer> target,
                 Map<VolunteerKind, Integer> shortfall, boolean balanced) {

    static final String NO_GRID = "(none)";
    static final Map<VolunteerKind, Integer> RULE = Map.of(VolunteerKind.STEWARD, 1,
            VolunteerKind.RETIRED_MEMBER, 5, VolunteerKind.IN_SERVICE_MEMBER, 10);

    static GridRatio of(String code, @Nullable Grid grid, Map<VolunteerKind, Integer> counted) {
        Map<VolunteerKind, Integer> counts = new EnumMap<>(VolunteerKind.class);
        for (VolunteerKind k : VolunteerKind.values()) {
            counts.put(k, counted.getOrDefault(k, 0));
        }
        int units = 1;
        for (var rule : RULE.entrySet()) {
            units = Math.max(units, (counts.get(rule.getKey()) + rule.getValue() - 1) / rule.getValue());
        }
        Map<VolunteerKind, Integer> target = new EnumMap<>(VolunteerKind.class);
        Map<VolunteerKind, Integer> shortfall = new EnumMap<>(VolunteerKind.class);
        boolean balanced = true;
        for (var rule : RULE.entrySet()) {
            int want = units * rule.getValue();
            target.put(rule.getKey(), want);
            int missing = Math.max(0, want - counts.get(rule.getKey()));
            shortfall.put(rule.getKey(), missing);
            balanced &= missing == 0;
        }
        return new GridRatio(code, grid == null ? null : grid.name(), grid == null ? null : grid.leaderVolunteerId(),
                counts, target, shortfall, balanced);
    }
}
