package org.onecall.dispatch.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onecall.dispatch.household.NewHousehold.PhoneInput;
import org.onecall.kit.Refusal;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class HouseholdController {

    private static final int DEFAULT_LIMIT = 20;

    private final Households households;

    HouseholdController(Households households) {
        this.households = households;
    }

    @Post("/communities/{communityId}/households")
    @Status(HttpStatus.CREATED)
    HouseholdView create(@PathVariable String communityId, @Valid @Body NewHousehold request) {
        return households.view(households.register(communityId, request).id());
    }

    @Put("/households/{id}")
    HouseholdView replace(@PathVariable long id, @Valid @Body NewHousehold request) {
        return households.view(households.replace(id, request).id());
    }

    /**
     * The operator's look-up: who is calling ({@code phone}, any accepted form), or whose name or
     * address contains {@code q} within one community ({@code communityId}).
     */
    @Get("/households{?phone,q,communityId,limit}")
    List<HouseholdView> find(@Nullable @QueryValue @Size(max = 40) String phone,
                             @Nullable @QueryValue @Size(max = 100) String q,
                             @Nullable @QueryValue String communityId,
                             @Nullable @QueryValue @Min(1) @Max(Households.MAX_RESULTS) Integer limit) {
        boolean byPhone = phone != null && !phone.isBlank();
        boolean byText = q != null && !q.isBlank();
        if (byPhone && byText) {
            throw Refusal.invalid("q", "search by phone or by q, not both");
        }
        if (byPhone) {
            return households.views(households.byPhone(phone, blankToNull(communityId)));
        }
        if (!byText) {
            throw Refusal.invalid("phone", "give a phone number, or q (part of a name or address) and communityId");
        }
        if (communityId == null || communityId.isBlank()) {
            throw Refusal.invalid("communityId", "a search by name or address is within one community: give communityId");
        }
        return households.views(households.search(communityId, q, limit == null ? DEFAULT_LIMIT : limit));
    }

    @Get("/households/{id}")
    HouseholdView get(@PathVariable long id) {
        return households.view(id);
    }

    /** The full numbers, for calling the resident back (回访); every look is written to the audit log. */
    @Get("/households/{id}/contact")
    Households.Contact contact(@PathVariable long id) {
        return households.contact(id);
    }

    @Post("/households/{id}/phones")
    @Status(HttpStatus.CREATED)
    HouseholdPhone addPhone(@PathVariable long id, @Valid @Body PhoneInput request) {
        return households.addPhone(id, request);
    }

    @Delete("/households/{id}/phones/{phoneId}")
    @Status(HttpStatus.NO_CONTENT)
    void removePhone(@PathVariable long id, @PathVariable long phoneId) {
        households.removePhone(id, phoneId);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
