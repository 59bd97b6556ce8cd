package org.onecall.dispatch.callback;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Call-back tasks (contract C5): an operator's own list, and closing one when the household was reached. */
@Controller("/api/callbacks")
@ExecuteOn(TaskExecutors.BLOCKING)
class CallbackController {

    private final Callbacks callbacks;

    CallbackController(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Introspected
    record Closing(@NotBlank @Size(max = 500) String outcome) {
    }

    /** {@code mine=true}: the caller's own; otherwise the open tasks of the communities they serve. */
    @Get("{?mine}")
    List<CallbackTask> open(@Nullable @QueryValue Boolean mine) {
        return callbacks.open(Boolean.TRUE.equals(mine));
    }

    @Post("/{id}/close")
    CallbackTask close(@PathVariable long id, @Valid @Body Closing closing) {
        return callbacks.close(id, closing.outcome());
    }
}
