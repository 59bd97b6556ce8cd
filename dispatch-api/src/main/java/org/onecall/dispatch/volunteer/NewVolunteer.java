package org.onecall.dispatch.volunteer;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.onecall.events.Category;
import org.onecall.events.DatePeriod;
import org.onecall.events.TimeWindow;

/**
 * A volunteer to register, from the HTTP API or one spreadsheet row. Omitted optional fields mean:
 * kind RESIDENT, no grid, no languages, no weekly limit, no leave, ACTIVE, joined today.
 */
@Introspected
public record NewVolunteer(@NotBlank @Size(max = 100) String name,
                           @NotBlank @Pattern(regexp = "\\+?[0-9 ()-]{5,20}", message = "must be a phone number") String phone,
                           @NotEmpty @Size(max = 13) List<@NotNull Category> skills,
                           @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                           @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
                           @Min(1) @Max(10) int maxConcurrentJobs,
                           boolean onDuty,
                           @Nullable VolunteerKind kind,
                           @Nullable @Size(max = 64) String grid,
                           @Nullable @Size(max = 10) List<@NotBlank @Size(max = 20) String> languages,
                           @Nullable @Size(max = 50) List<@NotNull TimeWindow> availability,
                           @Nullable @Size(max = 50) List<@NotNull DatePeriod> leave,
                           @Nullable VolunteerStatus status,
                           @Nullable @PastOrPresent LocalDate joinedOn) {

    @Creator
    @JsonCreator
    public NewVolunteer {
        kind = kind == null ? VolunteerKind.RESIDENT : kind;
        languages = languages == null ? List.of() : languages;
        availability = availability == null ? List.of() : availability;
        leave = leave == null ? List.of() : leave;
        status = status == null ? VolunteerStatus.ACTIVE : status;
    }

    /** The original shape: a resident volunteer, active, without hours or leave. */
    public NewVolunteer(String name, String phone, List<Category> skills, Double lat, Double lon,
                        int maxConcurrentJobs, boolean onDuty) {
        this(name, phone, skills, lat, lon, maxConcurrentJobs, onDuty, null, null, null, null, null, null, null);
    }
}
