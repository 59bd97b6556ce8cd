package org.onecall.dispatch.account;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onecall.kit.security.Role;

@Introspected
public record NewAccount(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}") String username,
                         @NotBlank @Size(max = 100) String displayName,
                         @NotNull Role role,
                         @NotNull List<@NotBlank String> communities,
                         @Nullable Long volunteerId,
                         @Nullable @Pattern(regexp = "\\+?[0-9 ()-]{5,20}", message = "must be a phone number") String phone,
                         @Nullable @Size(min = 10, max = 200, message = "must be 10 to 200 characters") String password) {
}
