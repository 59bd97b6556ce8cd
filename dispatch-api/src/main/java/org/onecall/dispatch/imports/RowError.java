package org.onecall.dispatch.imports;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * One problem in the file: the line a person sees in the spreadsheet, the column header, and why:
 * {@code code} with its {@code params} for programs, {@code reason} the sentence in the reader's
 * language. Stored without the sentence, which is written from the code when the job is read; jobs
 * from before the codes have only the sentence, in English.
 */
@Introspected
record RowError(int line, @Nullable String column, @Nullable String reason, @Nullable ReasonCode code,
                @Nullable Map<String, String> params) {

    static RowError of(int line, @Nullable String column, Reason why) {
        return new RowError(line, column, null, why.code(), why.params());
    }

    /** With the reason put in words in {@code language}; as stored when it has no code. */
    RowError in(Language language) {
        return code == null ? this
                : new RowError(line, column, code.render(language, params), code, params == null ? Map.of() : params);
    }
}
