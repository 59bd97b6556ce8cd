package org.onecall.dispatch.circle;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.kit.Refusal;

/**
 * The 15-minute service circle (15分钟服务圈) of a household: volunteers and merchants within a
 * walk, nearest first, answered from {@link ResourceMap}. Straight-line distance is the walk's
 * lower bound; 1.2 km is 15 minutes at 80 m/min.
 */
@Controller("/api/households/{id}/service-circle")
@ExecuteOn(TaskExecutors.BLOCKING)
class ServiceCircleController {

    private final Households households;
    private final ResourceMap map;
    private final Volunteers volunteers;
    private final Merchants merchants;
    private final int defaultRadius;

    ServiceCircleController(Households households, ResourceMap map, Volunteers volunteers, Merchants merchants,
                            @Value("${onecall.service-circle.radius-meters:1200}") int defaultRadius) {
        this.households = households;
        this.map = map;
        this.volunteers = volunteers;
        this.merchants = merchants;
        this.defaultRadius = defaultRadius;
    }

    /** Volunteers appear by masked name only: the circle is shown to operators and printed as a map. */
    @Introspected
    record NearbyVolunteer(long id, String displayName, String kind, List<String> skills, int metres,
                           boolean onDuty, boolean availableNow) {
    }

    @Introspected
    record NearbyMerchant(long id, String name, String kind, List<String> categories, int metres, boolean openNow,
                          String fulfilment, int dailyCapacity) {
    }

    @Introspected
    record Circle(long householdId, int radiusMeters, List<NearbyVolunteer> volunteers, List<NearbyMerchant> merchants) {
    }

    @Get("{?radius}")
    Circle circle(@PathVariable long id, @Nullable @QueryValue Integer radius) {
        int r = radius == null ? defaultRadius : radius;
        if (r < 50 || r > 5000) {
            throw Refusal.invalid("radius", "must be between 50 and 5000 metres");
        }
        Household h = households.get(id);
        var vs = map.volunteersWithin(h.communityId(), h.location(), r).stream()
                .map(hit -> new NearbyVolunteer(hit.value().id(), masked(hit.value().name()),
                        hit.value().kind().name(), hit.value().skillList(), (int) Math.round(hit.metres()),
                        hit.value().onDuty(), volunteers.canTakeJobNow(hit.value())))
                .toList();
        var ms = map.merchantsWithin(h.communityId(), h.location(), r).stream()
                .map(hit -> new NearbyMerchant(hit.value().id(), hit.value().name(), hit.value().kind().name(),
                        hit.value().categoryList(), (int) Math.round(hit.metres()), merchants.openNow(hit.value()),
                        hit.value().fulfilment().name(), hit.value().dailyCapacity()))
                .toList();
        return new Circle(id, r, vs, ms);
    }

    private static String masked(String name) {
        return name.isEmpty() ? name : name.substring(0, name.offsetByCodePoints(0, 1)) + "*";
    }
}
