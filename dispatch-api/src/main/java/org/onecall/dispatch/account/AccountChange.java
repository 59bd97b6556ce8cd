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
 * An account as an admin wants it now: the whole of what may change, as in {@link NewAccount}. The
 * username and the volunteer a volunteer's account signs in as stay; the password has its own route.
 */
@Introspected
record AccountChange(@NotBlank @Size(max = 100) String displayName,
                     @NotNull Role role,
                     @Nullable @Size(max = 100) List<@NotBlank @Size(max = 64) String> communities,
                     @Nullable @Size(max = 64) String street,
                     @Nullable @Size(max = 50) List<@NotBlank @Size(max = 64) String> grids,
                     @Nullable @Pattern(regexp = "\\+?[0-9 ()-]{5,20}", message = "must be a phone number") String phone) {
}
