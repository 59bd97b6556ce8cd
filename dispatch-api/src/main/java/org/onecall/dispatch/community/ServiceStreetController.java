package org.onecall.dispatch.community;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/**
 * The notifier's narrow question about scope: which communities make up a street. Its staff
 * notices and delivery logs carry a community, and a street-scoped coordinator's token names only
 * the street. Only the SERVICE role may ask; no person's data is in the answer.
 */
@Controller("/api/service")
@ExecuteOn(TaskExecutors.BLOCKING)
class ServiceStreetController {

    private final CommunityRepository communities;

    ServiceStreetController(CommunityRepository communities) {
        this.communities = communities;
    }

    record StreetCommunities(String street, List<String> communities) {
    }

    @Get("/streets/{streetId}/communities")
    StreetCommunities communities(@PathVariable String streetId) {
        return new StreetCommunities(streetId, communities.findByStreetOrderById(streetId).stream().map(Community::id).toList());
    }
}
