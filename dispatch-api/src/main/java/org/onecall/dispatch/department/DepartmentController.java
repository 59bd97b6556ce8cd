package org.onecall.dispatch.department;

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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class DepartmentController {

    private static final String ONE_LINE = org.onecall.dispatch.household.Text.ONE_LINE;
    private static final String ONE_LINE_MESSAGE = "must be one line without control characters";

    private final Departments departments;

    DepartmentController(Departments departments) {
        this.departments = departments;
    }

    @Introspected
    record NewDepartment(@NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String name,
                         @NotNull DepartmentKind kind,
                         @Nullable @Size(max = 100) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String contactName,
                         @Nullable @Size(max = 32) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String contactPhone,
                         @Nullable Boolean streetWide) {
    }

    @Post("/communities/{communityId}/departments")
    @Status(HttpStatus.CREATED)
    Department add(@PathVariable String communityId, @Valid @Body NewDepartment d) {
        return departments.add(communityId, d.name(), d.kind(), d.contactName(), d.contactPhone(),
                Boolean.TRUE.equals(d.streetWide()));
    }

    /** The community's own departments and its street's. */
    @Get("/communities/{communityId}/departments")
    List<Department> list(@PathVariable String communityId) {
        return departments.serving(communityId);
    }
}
