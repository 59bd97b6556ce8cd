package org.onecall.dispatch.household;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A household as the operator records it (create, or replace on update).
 *
 * <p>Phones: {@code phones}, or the older single {@code phone}, or both (then {@code phone} comes
 * first). Address: the structured {@code compound}, {@code building}, {@code unit}, {@code room};
 * {@code address} is the full line and is composed from the parts when not given. Without a
 * compound, {@code building} is taken as the approximate place itself (the older form, e.g.
 * 兴华南里2号楼).
 */
@Introspected
public record NewHousehold(
        @NotBlank @Size(max = 100) @Pattern(regexp = Text.PLAIN, message = Text.PLAIN_REASON) String headName,
        @Nullable @Size(max = 40) String phone,
        @Nullable @Size(max = 10) List<@Valid @NotNull PhoneInput> phones,
        @Nullable @Size(max = 100) @Pattern(regexp = Text.PLAIN, message = Text.PLAIN_REASON) String compound,
        @Nullable @Size(max = 100) @Pattern(regexp = Text.PLAIN, message = Text.PLAIN_REASON) String building,
        @Nullable @Size(max = 50) @Pattern(regexp = Text.PLAIN, message = Text.PLAIN_REASON) String unit,
        @Nullable @Size(max = 50) @Pattern(regexp = Text.PLAIN, message = Text.PLAIN_REASON) String room,
        @Nullable @Size(max = 400) @Pattern(regexp = Text.PLAIN, message = Text.PLAIN_REASON) String address,
        @Nullable @Size(max = 64) @Pattern(regexp = Text.PLAIN, message = Text.PLAIN_REASON) String grid,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
        @Nullable @Size(max = 10) List<@NotNull VulnerabilityTag> tags,
        @Nullable @Size(max = 50) @Pattern(regexp = Text.PLAIN, message = Text.PLAIN_REASON) String language,
        @Nullable @Size(max = 1000) @Pattern(regexp = Text.PLAIN, message = Text.PLAIN_REASON) String contactNotes,
        @Nullable Boolean consentToContact,
        @Nullable @Size(max = 20) List<@Valid @NotNull NewResident> residents) {

    @Creator
    public NewHousehold {
    }

    /** The older shape (one phone, the approximate place and the full address as text). */
    public NewHousehold(String headName, String phone, String building, String address, @Nullable String grid,
                        Double lat, Double lon) {
        this(headName, phone, null, null, building, null, null, address, grid, lat, lon, null, null, null, null,
                null);
    }

    @Introspected
    public record PhoneInput(
            @NotBlank @Size(max = 40) String number,
            @Nullable PhoneKind kind,
            @Nullable @Size(max = 50) @Pattern(regexp = Text.PLAIN, message = Text.PLAIN_REASON) String label) {
    }

    @Introspected
    public record NewResident(
            @NotBlank @Size(max = 100) @Pattern(regexp = Text.PLAIN, message = Text.PLAIN_REASON) String name,
            @NotNull Relation relation,
            @Nullable @Min(1900) @Max(2100) Integer birthYear) {
    }
}
