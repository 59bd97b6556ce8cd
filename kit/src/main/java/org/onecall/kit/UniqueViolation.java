package org.onecall.kit;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Recognises a unique constraint's violation (SQLState 23505 on PostgreSQL and H2) under whatever
 * the data layer wrapped it in, so a duplicate that slipped past a check, e.g. in a race between two
 * writers, becomes a 409 naming the field instead of a 500.
 */
public final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    /** Whether {@code e} was caused by a violation of the constraint named {@code constraint}. */
    public static boolean of(Throwable e, String constraint) {
        String name = constraint.toLowerCase(Locale.ROOT);
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState()) && s.getMessage() != null
                            && s.getMessage().toLowerCase(Locale.ROOT).contains(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
