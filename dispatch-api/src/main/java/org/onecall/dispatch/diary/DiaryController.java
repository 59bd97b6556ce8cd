package org.onecall.dispatch.diary;

import io.micronaut.core.annotation.Introspected;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.onecall.kit.security.CurrentCaller;
import org.onecall.dispatch.household.Text;

@Controller("/api/households/{id}/diary")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class DiaryController {

    private final Diary diary;
    private final CurrentCaller caller;

    DiaryController(Diary diary, CurrentCaller caller) {
        this.diary = diary;
        this.caller = caller;
    }

    @Introspected
    record NewNote(@NotBlank @Size(max = 4000) @Pattern(regexp = Text.PLAIN, message = Text.PLAIN_REASON) String text,
                   @NotNull NoteKind kind) {
    }

    @Post
    @Status(HttpStatus.CREATED)
    DiaryEntry write(@PathVariable long id, @Valid @Body NewNote note) {
        // the author is whoever is signed in, never a name in the body
        return diary.write(id, note.kind(), note.text(), caller.username());
    }

    /** Newest first; {@code before} is the {@code next} cursor of the previous page. */
    @Get("{?limit,before}")
    DiaryEntry.Page read(@PathVariable long id, @Nullable @QueryValue @Min(1) @Max(200) Integer limit,
                         @Nullable @QueryValue @Size(max = 64) String before) {
        return diary.read(id, before, limit == null ? 50 : limit);
    }
}
