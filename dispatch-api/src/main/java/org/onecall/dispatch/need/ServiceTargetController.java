package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.onecall.events.Category;
import org.onecall.kit.Refusal;

/** A community's service commitments (服务承诺制), per category; see {@link ServiceTargets}. */
@Controller("/api/communities/{communityId}/service-targets")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class ServiceTargetController {

    /** {@code origin}: "default" (configuration) or "community" (this community's own). */
    record TargetView(Category category, String categoryZh, @Nullable Long withinMinutes, boolean byAppointment,
                      String origin) {
        static TargetView of(ServiceTargets.Target t) {
            return new TargetView(t.category(), t.category().zh(),
                    t.within() == null ? null : t.within().toMinutes(), t.byAppointment(), t.origin());
        }
    }

    /** Within so many minutes, or by appointment; neither returns the category to the default. */
    @Introspected
    record SetTarget(@Nullable @Positive @Max(60 * 24 * 90) Integer withinMinutes, @NotNull Boolean byAppointment) {
    }

    private final ServiceTargets targets;
    private final org.onecall.dispatch.community.CommunityRepository communities;

    ServiceTargetController(ServiceTargets targets, org.onecall.dispatch.community.CommunityRepository communities) {
        this.targets = targets;
        this.communities = communities;
    }

    @Get
    List<TargetView> all(@PathVariable String communityId) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        return targets.all(communityId).values().stream().map(TargetView::of).toList();
    }

    @Put("/{category}")
    TargetView set(@PathVariable String communityId, @PathVariable Category category, @Valid @Body SetTarget body) {
        return TargetView.of(targets.set(communityId, category, body.withinMinutes(), body.byAppointment()));
    }
}
