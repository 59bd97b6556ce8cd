package org.onecall.dispatch.imports;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * All or nothing: every row of a sheet, whatever goes with it (team memberships, offerings) and an
 * outbox row with each one's state go into one transaction; any failure rolls all of it back.
 */
@Singleton
class ImportWriter {

    @Transactional
    <T> int write(SheetKind<T> kind, String communityId, List<T> rows, IntConsumer progress) {
        return kind.write(communityId, rows, progress);
    }
}
