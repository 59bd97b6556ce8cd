package org.onecall.dispatch.sms;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("sms_message")
public record SmsMessage(@Id @GeneratedValue @Nullable Long id, String phone, String body, String status,
                         Instant createdAt) {
}
