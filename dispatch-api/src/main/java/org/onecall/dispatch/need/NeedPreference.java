package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A need's matching preferences (contract C4): the volunteer it names, the kind it asks for, the
 * volunteers to avoid ({@code avoidVolunteerIds}, comma-separated) and the call it was raised in.
 */
@MappedEntity("need_preference")
record NeedPreference(@Id long needId, @Nullable Long preferredVolunteerId, @Nullable String volunteerKind,
                      String avoidVolunteerIds, @Nullable String callId) {

    static NeedPreference none(long needId) {
        return new NeedPreference(needId, null, null, "", null);
    }

    List<Long> avoidList() {
        return avoidVolunteerIds.isBlank() ? List.of()
                : Arrays.stream(avoidVolunteerIds.split(",")).map(String::strip).map(Long::valueOf).toList();
    }

    /** These preferences with {@code volunteerId} avoided too (kept once). */
    NeedPreference avoiding(long volunteerId) {
        List<Long> ids = new ArrayList<>(avoidList());
        if (!ids.contains(volunteerId)) {
            ids.add(volunteerId);
        }
        return new NeedPreference(needId, preferredVolunteerId != null && preferredVolunteerId == volunteerId ? null
                : preferredVolunteerId, volunteerKind, join(ids), callId);
    }

    static String join(List<Long> ids) {
        return ids == null ? "" : ids.stream().distinct().map(String::valueOf).collect(Collectors.joining(","));
    }
}
