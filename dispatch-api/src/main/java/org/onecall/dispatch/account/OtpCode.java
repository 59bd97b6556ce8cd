package org.onecall.dispatch.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("otp_code")
record OtpCode(@Id @GeneratedValue @Nullable Long id, String phone, String codeHash, Instant expiresAt, int attempts,
               boolean used, Instant createdAt) {
}
