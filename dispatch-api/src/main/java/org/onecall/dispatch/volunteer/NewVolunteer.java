package org.onecall.dispatch.volunteer;

import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onecall.events.Category;

@Introspected
public record NewVolunteer(@NotBlank @Size(max = 100) String name,
                           @NotBlank @Pattern(regexp = "\\+?[0-9 ()-]{5,20}", message = "must be a phone number") String phone,
                           @NotEmpty @Size(max = 13) List<@NotNull Category> skills,
                           @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                           @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
                           @Min(1) @Max(10) int maxConcurrentJobs,
                           boolean onDuty) {
}
