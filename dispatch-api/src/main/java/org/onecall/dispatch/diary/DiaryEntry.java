package org.onecall.dispatch.diary;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * One line of the case diary. {@code source} NOTE is what a person wrote down ({@code kind} CALL,
 * VISIT or NOTE); NEED is a transition of one of the household's needs ({@code kind} TRANSITION).
 * {@code cursor} is what to pass as {@code before} to read on from here.
 */
@Introspected
public record DiaryEntry(String cursor, Instant at, String source, String kind, String text, String author,
                         @Nullable Long needId, @Nullable String category, @Nullable String eventType,
                         @Nullable String fromStatus, @Nullable String toStatus) {

    @Introspected
    public record Page(long householdId, List<DiaryEntry> entries, @Nullable String next) {
    }
}
