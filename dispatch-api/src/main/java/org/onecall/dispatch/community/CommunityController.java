package org.onecall.dispatch.community;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import org.onecall.kit.Refusal;

@Controller("/api/communities")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class CommunityController {

    private final CommunityRepository communities;
    private final Clock clock;

    CommunityController(CommunityRepository communities, Clock clock) {
        this.communities = communities;
        this.clock = clock;
    }

    @Introspected
    record NewCommunity(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}") String id,
                        @NotBlank @Size(max = 200) String name) {
    }

    @Post
    @Status(HttpStatus.CREATED)
    Community create(@Valid @Body NewCommunity request) {
        if (communities.existsById(request.id())) {
            throw Refusal.conflict("community " + request.id() + " already exists");
        }
        return communities.save(new Community(request.id(), request.name().strip(), clock.instant()));
    }

    @Get
    List<Community> list() {
        return communities.findAll();
    }

    @Get("/{id}")
    Community get(@PathVariable String id) {
        return communities.findById(id).orElseThrow(() -> Refusal.notFound("community", id));
    }
}
