package org.onecall.dispatch.community;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
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
import org.onecall.kit.security.CurrentCaller;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class CommunityController {

    static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{1,62}";

    private final CommunityRepository communities;
    private final StreetRepository streets;
    private final CurrentCaller caller;
    private final Clock clock;
    private final ServedCommunities served;

    CommunityController(CommunityRepository communities, StreetRepository streets, CurrentCaller caller, Clock clock,
                        ServedCommunities served) {
        this.served = served;
        this.communities = communities;
        this.streets = streets;
        this.caller = caller;
        this.clock = clock;
    }

    @Introspected
    record NewCommunity(@NotBlank @Pattern(regexp = ID_PATTERN) String id,
                        @NotBlank @Size(max = 200) String name,
                        @Nullable @Size(max = 64) String street) {
    }

    @Introspected
    record NewStreet(@NotBlank @Pattern(regexp = ID_PATTERN) String id, @NotBlank @Size(max = 200) String name) {
    }

    @Post("/communities")
    @Status(HttpStatus.CREATED)
    Community create(@Valid @Body NewCommunity request) {
        if (communities.existsById(request.id())) {
            throw Refusal.conflict("community " + request.id() + " already exists");
        }
        String street = request.street() == null || request.street().isBlank() ? null : request.street().strip();
        if (street != null && !streets.existsById(street)) {
            throw Refusal.unprocessable("street", "street " + street + " does not exist; create it first (POST /api/streets)");
        }
        return communities.save(new Community(request.id(), request.name().strip(), street, clock.instant()));
    }

    /** The communities the caller serves: by name, and every community of their street. */
    @Get("/communities")
    List<Community> list() {
        return served.of(caller.get().orElseThrow());
    }

    @Get("/communities/{id}")
    Community get(@PathVariable String id) {
        return communities.findById(id).orElseThrow(() -> Refusal.notFound("community", id));
    }

    @Post("/streets")
    @Status(HttpStatus.CREATED)
    Street createStreet(@Valid @Body NewStreet request) {
        if (streets.existsById(request.id())) {
            throw Refusal.conflict("street " + request.id() + " already exists");
        }
        return streets.save(new Street(request.id(), request.name().strip(), clock.instant()));
    }

    @Get("/streets")
    List<Street> streets() {
        return streets.findAllOrderById();
    }
}
