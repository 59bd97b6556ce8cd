package org.onecall.dispatch.pairing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One scheduled visit and its need: SCHEDULED until the window ends, then VISITED or MISSED. */
@MappedEntity("pairing_visit")
record PairingVisit(@Id @GeneratedValue @Nullable Long id, long pairingId, long needId, Instant windowStart,
                    Instant windowEnd, String status, @Nullable Instant checkedAt) {

    static final String SCHEDULED = "SCHEDULED";
    static final String VISITED = "VISITED";
    static final String MISSED = "MISSED";
}
