package org.onecall.dispatch.diary;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onecall.kit.Refusal;

/**
 * A position in the merged diary. Entries are ordered newest first by (time, source, id), at one
 * instant NOTE, then NEED, then WISH; a cursor is {@code <epoch micros>.<N|T|W>.<id>} of the last
 * entry read. Time alone is not enough: several transitions share one instant.
 */
record DiaryCursor(Instant at, char source, long id) {

    static final char NOTE = 'N';
    static final char TRANSITION = 'T';
    static final char WISH = 'W';
    private static final String ORDER = "NTW";
    static final DiaryCursor START = new DiaryCursor(Instant.parse("9999-12-31T23:59:59Z"), NOTE, Long.MAX_VALUE);
    private static final Pattern FORMAT = Pattern.compile("(-?[0-9]{1,19})\\.([NTW])\\.([0-9]{1,19})");

    static DiaryCursor parse(String s) {
        if (s == null || s.isBlank()) {
            return START;
        }
        Matcher m = FORMAT.matcher(s.strip());
        if (!m.matches()) {
            throw Refusal.invalid("before", "is not a diary cursor: pass an entry's cursor");
        }
        try {
            long micros = Long.parseLong(m.group(1));
            Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            return new DiaryCursor(at, m.group(2).charAt(0), Long.parseLong(m.group(3)));
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            throw Refusal.invalid("before", "is not a diary cursor: pass an entry's cursor");
        }
    }

    static String of(Instant at, char source, long id) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at) + "." + source + "." + id;
    }

    /** The highest id of {@code source} still after this cursor among entries at exactly {@link #at}. */
    long maxIdFor(char source) {
        if (source == this.source) {
            return id;
        }
        // at one instant the sources come in ORDER: after the cursor's source, every entry of a
        // later source at that instant is still to come, and none of an earlier one
        return ORDER.indexOf(source) > ORDER.indexOf(this.source) ? Long.MAX_VALUE : 0;
    }
}
