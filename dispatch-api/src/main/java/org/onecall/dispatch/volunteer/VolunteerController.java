package org.onecall.dispatch.volunteer;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.onecall.events.DatePeriod;
import org.onecall.events.TimeWindow;
import java.util.List;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class VolunteerController {

    private final Volunteers volunteers;

    VolunteerController(Volunteers volunteers) {
        this.volunteers = volunteers;
    }

    @Introspected
    record Duty(@NotNull Boolean onDuty) {
    }

    @Introspected
    record NewStatus(@NotNull VolunteerStatus status) {
    }

    /** The whole calendar at once: the weekly hours (empty: no limit) and the leave periods. */
    @Introspected
    record Calendar(@Nullable @Size(max = 50) List<@NotNull TimeWindow> availability,
                    @Nullable @Size(max = 50) List<@NotNull DatePeriod> leave) {
    }

    @Post("/communities/{communityId}/volunteers")
    @Status(HttpStatus.CREATED)
    Volunteer register(@PathVariable String communityId, @Valid @Body NewVolunteer request) {
        return volunteers.register(communityId, request);
    }

    @Get("/communities/{communityId}/volunteers")
    List<Volunteer> list(@PathVariable String communityId) {
        return volunteers.inCommunity(communityId);
    }

    @Get("/volunteers/{id}")
    Volunteer get(@PathVariable long id) {
        return volunteers.get(id);
    }

    @Put("/volunteers/{id}/duty")
    Volunteer duty(@PathVariable long id, @Valid @Body Duty duty) {
        return volunteers.setOnDuty(id, duty.onDuty());
    }

    /** Suspend (暂停) or reinstate a volunteer; a suspended one is never offered a job. */
    @Put("/volunteers/{id}/status")
    Volunteer status(@PathVariable long id, @Valid @Body NewStatus status) {
        return volunteers.setStatus(id, status.status());
    }

    @Put("/volunteers/{id}/calendar")
    Volunteer calendar(@PathVariable long id, @Valid @Body Calendar calendar) {
        return volunteers.setCalendar(id, calendar.availability() == null ? List.of() : calendar.availability(),
                calendar.leave() == null ? List.of() : calendar.leave());
    }
}
