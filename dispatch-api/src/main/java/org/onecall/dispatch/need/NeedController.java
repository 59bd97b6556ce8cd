package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onecall.kit.security.CurrentCaller;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class NeedController {

    private final NeedService needs;
    private final Raising raising;
    private final NeedViews views;
    private final IdempotentPosts posts;
    private final NeedRepository repository;
    private final CurrentCaller caller;

    NeedController(NeedService needs, Raising raising, NeedViews views, IdempotentPosts posts,
                   NeedRepository repository, CurrentCaller caller) {
        this.caller = caller;
        this.needs = needs;
        this.raising = raising;
        this.views = views;
        this.posts = posts;
        this.repository = repository;
    }

    /**
     * 201 with the new need; 200 with {@code attachedTo} and a message when a need of the same category
     * is already open for the household (a repeat call); 200 with {@code Idempotent-Replay: true} when
     * the {@code Idempotency-Key} was seen before with the same body.
     */
    @Post("/needs")
    HttpResponse<Views.NeedView> raise(@Nullable @Header(IdempotentPosts.HEADER) String idempotencyKey,
                                       @Valid @Body Requests.RaiseNeed request) {
        var outcome = posts.run(idempotencyKey, "POST /api/needs", request, () -> List.of(raising.raise(request)));
        Raising.Raised raised = outcome.raised().get(0);
        Views.NeedView view = views.of(raised);
        if (outcome.replay()) {
            return HttpResponse.ok(view).header(IdempotentPosts.REPLAY_HEADER, "true");
        }
        return raised.attached() ? HttpResponse.ok(view) : HttpResponse.created(view);
    }

    /** One phone call raising several needs, all or nothing. 201 when at least one need is new. */
    @Post("/calls")
    HttpResponse<Views.CallView> call(@Nullable @Header(IdempotentPosts.HEADER) String idempotencyKey,
                                      @Valid @Body Requests.Call request) {
        var outcome = posts.run(idempotencyKey, "POST /api/calls", request, () -> raising.call(request));
        Views.CallView view = new Views.CallView(request.householdId(), caller.username(),
                outcome.raised().stream().map(views::of).toList());
        if (outcome.replay()) {
            return HttpResponse.ok(view).header(IdempotentPosts.REPLAY_HEADER, "true");
        }
        return outcome.raised().stream().allMatch(Raising.Raised::attached) ? HttpResponse.ok(view)
                : HttpResponse.created(view);
    }

    @Get("/needs/{id}")
    Views.NeedView get(@PathVariable long id) {
        return views.of(needs.get(id));
    }

    @Get("/needs/{id}/history")
    List<Views.HistoryLine> history(@PathVariable long id) {
        return views.history(needs.history(id));
    }

    /** The coordinator's queue; {@code status} may repeat, none means every need. */
    @Get("/communities/{communityId}/needs{?status*}")
    List<Views.NeedView> queue(@PathVariable String communityId, @Nullable @QueryValue List<NeedStatus> status) {
        return views.of(needs.queue(communityId, status == null ? List.of() : status));
    }

    /** What is late: past its due time and not yet served, most overdue first. */
    @Get("/communities/{communityId}/needs/overdue")
    List<Views.NeedView> overdue(@PathVariable String communityId) {
        return views.of(needs.overdue(communityId));
    }

    /** First-contact responsibility (首问责任制): the open needs an operator took and still follows up. */
    @Get("/operators/{name}/needs")
    List<Views.NeedView> owned(@PathVariable @Size(max = 64) String name) {
        return views.of(repository.findOpenOwnedBy(name));
    }

    @Post("/needs/{id}/arrival")
    Views.NeedView arrive(@PathVariable long id, @Valid @Body Requests.Arrival request) {
        return views.of(needs.arrive(id, request.volunteerId()));
    }

    @Post("/needs/{id}/completion")
    Views.NeedView complete(@PathVariable long id, @Valid @Body Requests.Completion request) {
        return views.of(needs.complete(id, request.volunteerId(), request.summary()));
    }

    @Post("/needs/{id}/giveback")
    Need giveBack(@PathVariable long id, @Valid @Body Requests.GiveBack request) {
        return needs.giveBack(id, request.volunteerId(), request.reason());
    }

    /** The household card's needs, newest first: what is open, and what was done lately. */
    @Get("/households/{householdId}/needs")
    List<Views.NeedView> ofHousehold(@PathVariable long householdId) {
        return views.of(needs.ofHousehold(householdId));
    }

    @Post("/needs/{id}/feedback")
    Views.NeedView feedback(@PathVariable long id, @Valid @Body Requests.Feedback request) {
        return views.of(needs.feedback(id, request));
    }

    /** A coordinator confirms the volunteer's hours of a served job when no rating came (organiser certifies). */
    @Post("/needs/{id}/hours-confirmation")
    Need confirmHours(@PathVariable long id) {
        return needs.confirmHours(id);
    }

    @Post("/needs/{id}/cancellation")
    Views.NeedView cancel(@PathVariable long id, @Valid @Body Requests.Cancellation request) {
        return views.of(needs.cancel(id, request.reason()));
    }

    /** Contract C1: first-contact ownership to another operator or coordinator in scope; answers the need view. */
    @Post("/needs/{id}/handover")
    Views.NeedView handover(@PathVariable long id, @Valid @Body Requests.Handover request) {
        return views.of(needs.handover(id, request));
    }
}
