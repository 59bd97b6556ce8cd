package org.onecall.dispatch.notice;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.constraints.Positive;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.need.NeedQueries;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.kit.Refusal;

/**
 * Names for the notifier's staff notices, which events name by id only: a need as its household's head and
 * category, a volunteer, a household's head. SERVICE only. Names, not contacts: no phone or address
 * leaves here, so the reads are not audited like the numbers are; the notices go to the community's staff,
 * who see these names on their pages anyway. An id that names nothing is left out of the answer.
 */
@Controller("/api/service/names")
@ExecuteOn(TaskExecutors.BLOCKING)
class ServiceNamesController {

    private final NeedQueries needs;
    private final Volunteers volunteers;
    private final Households households;

    ServiceNamesController(NeedQueries needs, Volunteers volunteers, Households households) {
        this.needs = needs;
        this.volunteers = volunteers;
        this.households = households;
    }

    record Names(@Nullable String needHousehold, @Nullable String needCategory, @Nullable String volunteer,
                 @Nullable String household) {
    }

    @Get("{?needId,volunteerId,householdId}")
    Names names(@Nullable @Positive @QueryValue Long needId, @Nullable @Positive @QueryValue Long volunteerId,
                @Nullable @Positive @QueryValue Long householdId) {
        NeedQueries.Summary need = needId == null ? null : found(() -> needs.summary(needId));
        String needHousehold = need == null ? null : found(() -> households.get(need.householdId()).headName());
        String household = householdId == null ? null : found(() -> households.get(householdId).headName());
        String volunteer = volunteerId == null ? null : volunteers.find(volunteerId).map(Volunteer::name).orElse(null);
        return new Names(needHousehold, need == null ? null : need.category(), volunteer, household);
    }

    /** What the look-up found, or null for an id that names nothing (a 404 refusal of the look-up). */
    @Nullable
    private static <T> T found(java.util.function.Supplier<T> lookUp) {
        try {
            return lookUp.get();
        } catch (Refusal r) {
            return null;
        }
    }
}
