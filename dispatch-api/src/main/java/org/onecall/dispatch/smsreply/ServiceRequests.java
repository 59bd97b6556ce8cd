package org.onecall.dispatch.smsreply;

import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What other OneCall services send to dispatch-api. */
final class ServiceRequests {

    /** An SMS reply as the provider reported it (the notifier hands it over; dispatch-api knows the phones). */
    @Introspected
    record Reply(@NotBlank @Size(max = 64) String sequenceId,
                 @NotBlank @Pattern(regexp = "\\+?[0-9 -]{7,20}", message = "must be a phone number") String phone,
                 @NotBlank @Size(max = 500) String content) {
    }

    /** Whom the notifier texts about a volunteer's offers, read for one delivery and audited. */
    record Contact(long volunteerId, String name, String phone) {
    }

    private ServiceRequests() {
    }
}
