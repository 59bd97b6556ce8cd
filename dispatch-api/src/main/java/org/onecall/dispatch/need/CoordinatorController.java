package org.onecall.dispatch.need;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;

/** A coordinator's hands on a need, and the community's ladder. Thin: {@link CoordinatorActions} decides. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class CoordinatorController {

    private final CoordinatorActions actions;
    private final NeedViews views;
    private final LadderView ladder;

    CoordinatorController(CoordinatorActions actions, NeedViews views, LadderView ladder) {
        this.actions = actions;
        this.views = views;
        this.ladder = ladder;
    }

    /** Offer to a named volunteer, or assign directly ({@code direct}: they agreed on the phone). */
    @Post("/needs/{id}/assignment")
    Views.NeedView assign(@PathVariable long id, @Valid @Body ActionRequests.Assignment r) {
        return views.of(actions.assign(id, r.volunteerId(), Boolean.TRUE.equals(r.direct()), r.note()));
    }

    @Post("/needs/{id}/rematch")
    Views.NeedView rematch(@PathVariable long id, @Valid @Body ActionRequests.Rematch r) {
        return views.of(actions.rematch(id, r));
    }

    /** Every available member of the team gets an offer; the first to accept wins, the others are withdrawn. */
    @Post("/needs/{id}/broadcast")
    Views.NeedView broadcast(@PathVariable long id, @Valid @Body ActionRequests.Broadcast r) {
        return views.of(actions.broadcast(id, r.teamId()));
    }

    /** 吹哨报到: hands the need to a department serving the community (the top of the ladder). */
    @Post("/needs/{id}/department")
    Views.NeedView toDepartment(@PathVariable long id, @Valid @Body ActionRequests.ToDepartment r) {
        return views.of(actions.toDepartment(id, r.departmentId(), r.note()));
    }

    /** The department's answer; solved moves the need to DONE, for the community's call-back. */
    @Post("/needs/{id}/department-answer")
    Views.NeedView departmentAnswer(@PathVariable long id, @Valid @Body ActionRequests.DepartmentAnswer r) {
        return views.of(actions.departmentAnswer(id, r.answer(), r.solved()));
    }

    /** The ladder as it applies to the community: rungs, who each tells, default and own timers. */
    @Get("/communities/{communityId}/ladder")
    LadderView.Shape ladder(@PathVariable String communityId) {
        return ladder.of(communityId);
    }

    @Put("/communities/{communityId}/ladder/timers")
    LadderView.Shape timers(@PathVariable String communityId, @Valid @Body ActionRequests.LadderTimer r) {
        return ladder.set(communityId, r);
    }
}
