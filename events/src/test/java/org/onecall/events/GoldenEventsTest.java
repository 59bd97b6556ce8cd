package org.onecall.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenEventsTest {

    static Stream<String> eventTypes() {
        return EventTypes.all().keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void every_event_type_round_trips_its_golden_sample(String type) throws IOException {
        String golden = read("golden/" + type + ".json");

        EventEnvelope envelope = EventJson.read(golden);
        EventPayload payload = envelope.typedPayload();

        assertEquals(type, envelope.type());
        assertInstanceOf(EventTypes.classOf(type).orElseThrow(), payload);
        assertEquals(envelope.aggregateId(), payload.aggregateId(), "aggregateId is derived from the payload");
        // typed -> tree -> JSON must give back exactly the golden document: no field lost or renamed
        EventEnvelope rebuilt = new EventEnvelope(envelope.eventId(), EventTypes.typeOf(payload),
                envelope.schemaVersion(), envelope.occurredAt(), envelope.communityId(), payload.aggregateId(),
                EventJson.MAPPER.valueToTree(payload));
        JsonNode expected = EventJson.MAPPER.readTree(golden);
        assertEquals(expected, EventJson.MAPPER.readTree(EventJson.write(rebuilt)));
    }

    @Test
    void envelope_of_fills_id_time_type_and_aggregate() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
        var accepted = new NeedEvents.OfferAccepted(5, 9, 3);
        EventEnvelope e = EventEnvelope.of(accepted, "xinghua-nanli", clock);
        assertEquals("OfferAccepted", e.type());
        assertEquals("need-9", e.aggregateId());
        assertEquals(clock.instant(), e.occurredAt());
        assertEquals(accepted, EventJson.read(EventJson.write(e)).typedPayload());
    }

    @Test
    void an_account_state_refuses_every_token_while_off_and_tokens_from_before_the_revocation_once_on() {
        Instant revoked = Instant.parse("2026-11-23T09:00:01Z");
        var off = new AccountEvents.AccountAccessChanged("volunteer-7", 7L, false, revoked);
        assertTrue(off.refuses(revoked.plusSeconds(3600)), "off: even a token issued later");
        var on = new AccountEvents.AccountAccessChanged("volunteer-7", 7L, true, revoked);
        assertTrue(on.refuses(revoked.minusSeconds(1)));
        assertTrue(on.refuses(null), "a token without iat cannot be told from an old one");
        assertEquals(false, on.refuses(revoked));
        assertEquals(false, new AccountEvents.AccountAccessChanged("operator-1", null, true, null).refuses(null));
    }

    @Test
    void unknown_type_and_garbage_are_reported_as_malformed_with_a_reason() {
        String unknown = "{\"eventId\":\"5a1e0000-0000-0000-0000-000000000001\",\"type\":\"NeedTeleported\","
                + "\"schemaVersion\":1,\"occurredAt\":\"2026-11-23T09:00:00Z\",\"communityId\":\"c\","
                + "\"aggregateId\":\"need-1\",\"payload\":{}}";
        var e1 = assertThrows(MalformedEventException.class, () -> EventJson.read(unknown).typedPayload());
        assertTrue(e1.getMessage().contains("NeedTeleported"), e1.getMessage());
        var e2 = assertThrows(MalformedEventException.class, () -> EventJson.read("{not json"));
        assertTrue(e2.getMessage().startsWith("not an event envelope"), e2.getMessage());
        var e3 = assertThrows(MalformedEventException.class, () -> EventJson.read("{\"type\":\"NeedClosed\"}"));
        assertTrue(e3.getMessage().contains("eventId"), e3.getMessage());
    }

    @Test
    void unknown_fields_from_a_newer_producer_are_ignored() throws IOException {
        String golden = read("golden/OfferAccepted.json").replace("\"volunteerId\"", "\"addedLater\": 1, \"volunteerId\"");
        assertEquals(new NeedEvents.OfferAccepted(55, 101, 12), EventJson.read(golden).typedPayload());
    }

    @Test
    void need_raised_from_a_producer_before_the_needs_list_reads_with_no_items() throws IOException {
        var raised = (NeedEvents.NeedRaised) EventJson.read(read("compat/NeedRaised-before-items.json")).typedPayload();
        assertEquals(101, raised.needId());
        assertEquals(List.of(), raised.items());
        assertEquals(false, raised.buysGoods());
        assertEquals(null, raised.dueAt());
        // and the original constructor still builds the same thing
        assertEquals(raised, new NeedEvents.NeedRaised(101, 7, "MEDICINE", "TODAY", "降压药 ×2，挂面，鸡蛋一盒",
                "兴华南里 3号楼", new Location(39.7284, 116.3412), "operator-wang", "HOTLINE"));
    }

    @Test
    void matcher_events_from_before_appointments_and_scores_read_with_empty_defaults() throws IOException {
        var started = (NeedEvents.MatchingStarted) EventJson.read(read("compat/MatchingStarted-before-issue13.json"))
                .typedPayload();
        assertEquals(new NeedEvents.MatchingStarted(101, 2, "MEDICINE", "TODAY", new Location(39.7284, 116.3412),
                List.of(12L)), started);
        assertTrue(!started.appointment());
        assertEquals(List.of(), started.avoidVolunteerIds());
        var proposed = (MatchEvents.MatchProposed) EventJson.read(read("compat/MatchProposed-before-issue13.json"))
                .typedPayload();
        assertEquals(null, proposed.score());
        assertEquals(List.of(), proposed.parts());
        assertEquals(List.of(), proposed.alternates());
        var offer = (NeedEvents.OfferMade) EventJson.read(read("compat/OfferMade-before-issue13.json")).typedPayload();
        assertEquals(null, offer.windowStart());
        var volunteer = (ResourceEvents.VolunteerStateChanged) EventJson.read(
                read("compat/VolunteerStateChanged-before-issue13.json")).typedPayload();
        assertEquals(null, volunteer.kind());
        assertEquals(List.of(), volunteer.held());
    }

    @Test
    void an_appointment_is_judged_over_its_window_not_now() {
        // Asia/Shanghai: 2026-11-24 is a Tuesday; weekday evenings 18:00-21:00
        var hours = TimeWindow.parseAll("周一至周五 18:00-21:00");
        Instant start = Instant.parse("2026-11-24T11:00:00Z"); // 19:00 local
        Instant end = Instant.parse("2026-11-24T12:00:00Z");   // 20:00 local
        var free = new ResourceEvents.VolunteerStateChanged(1, "c", "李*", List.of("MEALS"), new Location(39.7, 116.3),
                false, true, 1, 1, "ACTIVE", hours, List.of(), List.of(), null, null, null, null, null);
        assertEquals(java.util.Optional.empty(), free.unavailableOver(start, end), "off duty and busy now: fine tomorrow");
        var onLeave = new ResourceEvents.VolunteerStateChanged(2, "c", "王*", List.of("MEALS"), null, true, true, 2, 0,
                "ACTIVE", List.of(), DatePeriod.parseAll("2026-11-24"), List.of(), null, null, null, null, null);
        assertEquals("on leave", onLeave.unavailableOver(start, end).orElseThrow());
        var tooLate = new ResourceEvents.VolunteerStateChanged(3, "c", "张*", List.of("MEALS"), null, true, true, 2, 0,
                "ACTIVE", TimeWindow.parseAll("每天 18:00-19:30"), List.of(), List.of(), null, null, null, null, null);
        assertEquals("outside their hours", tooLate.unavailableOver(start, end).orElseThrow());
        var busy = new ResourceEvents.VolunteerStateChanged(4, "c", "赵*", List.of("MEALS"), null, true, true, 2, 0,
                "ACTIVE", List.of(), List.of(), List.of(), null, null, null, null,
                List.of(new ResourceEvents.Held(9, start.plusSeconds(1800), end.plusSeconds(1800))));
        assertEquals("another job at that time", busy.unavailableOver(start, end).orElseThrow());
        assertEquals(java.util.Optional.empty(), busy.unavailableOver(end.plusSeconds(1800), end.plusSeconds(3600)));
    }

    @Test
    void available_means_active_on_duty_and_below_the_limit() {
        var v = new ResourceEvents.VolunteerStateChanged(1, "c", "李*", List.of("MEALS"), new Location(39.7, 116.3),
                true, true, 2, 1);
        assertTrue(v.available());
        assertTrue(!new ResourceEvents.VolunteerStateChanged(1, "c", "李*", List.of(), null, true, true, 2, 2).available());
        assertTrue(!new ResourceEvents.VolunteerStateChanged(1, "c", "李*", List.of(), null, false, true, 2, 0).available());
        assertTrue(!new ResourceEvents.VolunteerStateChanged(1, "c", "李*", List.of(), null, true, false, 2, 0).available());
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = GoldenEventsTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing golden sample " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
