package org.onecall.kit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Any bytes sent as a request body either bind to the request record or are refused with a field and a
 * reason in the caller's words; nothing else (no other exception, no Java names) may come out. The saved
 * inputs under RequestParsingFuzzTestInputs run as regression tests in every build; {@code JAZZER_FUZZ=1}
 * fuzzes for real (see README, "Fuzzing"), and each finding is saved there as a new input.
 */
class RequestParsingFuzzTest {

    /** The shapes a need form has: numbers, text, a list of records, a nested record, a map, a time, an enum. */
    record Need(Long householdId, Kind category, String description, List<Item> items, Window window,
                Map<String, String> details, Boolean separate, Double lat, int quantity) {
    }

    record Item(String name, Integer quantity) {
    }

    record Window(Kind kind, Instant start) {
    }

    enum Kind { MEALS, MEDICINE }

    static final ObjectMapper MAPPER = StrictJson.strict(JsonMapper.builder().addModule(new JavaTimeModule()).build());

    @FuzzTest(maxDuration = "5m")
    void anyBodyBindsOrIsRefusedNamingAField(byte[] body) {
        try {
            MAPPER.readValue(body, Need.class);
        } catch (IOException e) {
            // what the HTTP layer answers for it: a Jackson error per field, anything else refuses the body
            FieldError error = JsonErrors.describeBody(e);
            assertNotNull(error.field());
            assertFalse(error.field().isEmpty(), "a refusal names a field");
            assertFalse(error.reason().isBlank());
            for (String internal : List.of("java.", "com.fasterxml", "org.onecall", "Jackson", "StreamReadConstraints")) {
                assertFalse(error.reason().contains(internal), () -> "leaks " + internal + ": " + error.reason());
            }
        }
    }
}
