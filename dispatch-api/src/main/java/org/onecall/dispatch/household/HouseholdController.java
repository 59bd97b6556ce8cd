package org.onecall.dispatch.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import java.util.List;
import org.onecall.kit.Refusal;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class HouseholdController {

    private final Households households;

    HouseholdController(Households households) {
        this.households = households;
    }

    @Post("/communities/{communityId}/households")
    @Status(HttpStatus.CREATED)
    Household create(@PathVariable String communityId, @Valid @Body NewHousehold request) {
        return households.register(communityId, request);
    }

    /** The operator's first look-up: who is calling? */
    @Get("/households{?phone}")
    List<Household> find(@Nullable @QueryValue String phone) {
        if (phone == null || phone.isBlank()) {
            throw Refusal.invalid("phone", "give a phone number to search by");
        }
        return households.byPhone(phone);
    }

    @Get("/households/{id}")
    Household get(@PathVariable long id) {
        return households.get(id);
    }
}
