package org.onecall.dispatch.audit;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Who saw or did what with personal data, and when (PIPL). Written in the caller's transaction when
 * there is one, so a view that failed is not logged as seen, and a view that happened cannot be
 * lost without the data it showed.
 */
@Singleton
public class Audit {

    public static final String VIEW_CONTACT = "VIEW_CONTACT";

    private final AuditRepository entries;
    private final Clock clock;

    Audit(AuditRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    @Transactional
    public void record(String actor, String action, String subject, String detail) {
        entries.save(new AuditEntry(null, clock.instant(), actor, action, subject,
                detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000)));
    }

    List<AuditEntry> between(Instant from, Instant to) {
        return entries.findByOccurredAtBetweenOrderById(from, to);
    }

    /** Quotes every cell, and defuses spreadsheet formulas (=, +, -, @ at the start). */
    public static String csvCell(String value) {
        if (value == null) {
            return "";
        }
        String v = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
