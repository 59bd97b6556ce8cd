package org.onecall.dispatch.account;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onecall.kit.security.Role;

/**
 * An account to create. Scope: {@code communities} by id and/or a {@code street} (every community
 * on it, also those added later); a COORDINATOR of exactly one community may be limited to some of
 * its {@code grids} (grid codes) as a grid leader (网格长).
 */
@Introspected
public record NewAccount(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}") String username,
                         @NotBlank @Size(max = 100) String displayName,
                         @NotNull Role role,
                         @Nullable @Size(max = 100) List<@NotBlank @Size(max = 64) String> communities,
                         @Nullable @Size(max = 64) String street,
                         @Nullable @Size(max = 50) List<@NotBlank @Size(max = 64) String> grids,
                         @Nullable Long volunteerId,
                         @Nullable @Pattern(regexp = "\\+?[0-9 ()-]{5,20}", message = "must be a phone number") String phone,
                         @Nullable @Size(min = 10, max = 200, message = "must be 10 to 200 characters") String password) {

    /** An account scoped to communities only. */
    public static NewAccount of(String username, String displayName, Role role, List<String> communities,
                                @Nullable Long volunteerId, @Nullable String phone, @Nullable String password) {
        return new NewAccount(username, displayName, role, communities, null, List.of(), volunteerId, phone, password);
    }

    List<String> communityList() {
        return communities == null ? List.of() : communities;
    }

    List<String> gridList() {
        return grids == null ? List.of() : grids;
    }
}
