package org.onecall.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.onecall.events.NeedEvents.OfferMade;

/** An offer for an appointment says when, in the community's time; one for as soon as possible says nothing. */
class AppointmentOfferTextTest {

    @Test
    void theOfferTextCarriesTheAppointmentInLocalTime() {
        OfferMade appointment = new OfferMade(1, 2, 3, "COMPANIONSHIP", "FLEXIBLE", "2号楼", 120,
                Instant.parse("2026-12-07T10:10:00Z"), Instant.parse("2026-12-08T11:00:00Z"),
                Instant.parse("2026-12-08T12:00:00Z"));
        assertEquals("预约 12月8日 19:00–20:00。", Deliveries.appointment(appointment, true));
        assertEquals("Appointment 2026-12-08 19:00–20:00. ", Deliveries.appointment(appointment, false));
        OfferMade now = new OfferMade(1, 2, 3, "MEALS", "TODAY", "2号楼", 120, Instant.parse("2026-12-07T10:10:00Z"));
        assertEquals("", Deliveries.appointment(now, true));
    }
}
