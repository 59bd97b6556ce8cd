package org.onecall.dispatch.imports;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/** One problem in the file: the line a person sees in the spreadsheet, the column header, the reason. */
@Introspected
record RowError(int line, @Nullable String column, String reason) {
}
