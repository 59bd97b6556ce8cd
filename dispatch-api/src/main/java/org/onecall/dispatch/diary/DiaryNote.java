package org.onecall.dispatch.diary;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("diary_note")
record DiaryNote(@Id @GeneratedValue @Nullable Long id, long householdId, NoteKind kind, String text, String author,
                 Instant occurredAt) {
}
