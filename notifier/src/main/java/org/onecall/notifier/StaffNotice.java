package org.onecall.notifier;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A notice for coordinators and leaders (contract C6): shown to the staff of {@code communityId}
 * and to the accounts named in {@code recipients} (comma-separated usernames; empty: none named).
 * {@code text} is zh-CN, {@code textEn} its English (null on notices older than the column).
 */
@MappedEntity("staff_notice")
public record StaffNotice(@Id @GeneratedValue @Nullable Long id, String sourceKey, String communityId, String kind,
                          @Nullable Long needId, String recipients, String text, @Nullable String textEn,
                          Instant createdAt) {

    /** Shown to the staff who serve its community ({@link StaffScope}) and to the accounts it names. */
    boolean isFor(String username, boolean servesCommunity) {
        return servesCommunity || java.util.Arrays.asList(recipients.split(",")).contains(username);
    }
}
