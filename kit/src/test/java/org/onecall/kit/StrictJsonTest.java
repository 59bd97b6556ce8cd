package org.onecall.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict reading of request bodies and the words its refusals are said in, without a server. */
class StrictJsonTest {

    record Phone(String phone) {
    }

    record Form(long householdId, String name, Double lat, Boolean onDuty, List<Item> items, LocalDate day) {
    }

    record Item(String name) {
    }

    static final ObjectMapper MAPPER = StrictJson.strict(JsonMapper.builder().addModule(new JavaTimeModule()).build());

    static FieldError refused(String json, Class<?> type) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> MAPPER.readValue(json, type),
                json);
        FieldError error = JsonErrors.describe(e);
        assertFalse(error.reason().contains("java.") || error.reason().contains("jackson")
                || error.reason().contains("org.onecall"), () -> json + " leaks: " + error.reason());
        return error;
    }

    @Test
    void aOneFieldRecordIsReadOnlyFromAnObject() throws Exception {
        for (String notAnObject : List.of("\"13900000000\"", "true", "123", "[\"x\"]")) {
            assertEquals(new FieldError("body", "must be a JSON object"), refused(notAnObject, Phone.class));
        }
        assertEquals(new Phone("139"), MAPPER.readValue("{\"phone\": \"139\"}", Phone.class));
    }

    @Test
    void eachRefusalNamesItsField() {
        assertEquals("name", refused("{\"name\": \"a\", \"name\": \"b\"}", Form.class).field());
        assertEquals("name", refused("{\"name\": 91}", Form.class).field());
        assertEquals("must be text", refused("{\"name\": true}", Form.class).reason());
        assertEquals("must be a number", refused("{\"lat\": \"39.7\"}", Form.class).reason());
        assertEquals("onDuty", refused("{\"onDuty\": \"true\"}", Form.class).field());
        assertEquals("lat", refused("{\"lat\": NaN}", Form.class).field());
        assertEquals("must be a finite number", refused("{\"lat\": 1e400}", Form.class).reason());
        assertEquals("householdId", refused("{\"householdId\": 9223372036854775808}", Form.class).field());
        assertEquals("items[1].name", refused("{\"items\": [{\"name\": \"a\"}, {\"name\": \"b\\ud800\"}]}",
                Form.class).field());
        assertEquals("items[0]", refused("{\"items\": [\"a\"]}", Form.class).field());
        assertEquals("day", refused("{\"day\": 91}", Form.class).field());
        FieldError unknown = refused("{\"volunteerId\": 7}", Form.class);
        assertEquals("volunteerId", unknown.field());
        assertTrue(unknown.reason().contains("householdId"), "lists the fields: " + unknown.reason());
    }

    @Test
    void wholeTextIsKept() throws Exception {
        String text = "𠮷野家 👵🏻 \t第二行";
        assertEquals(text, MAPPER.readValue(MAPPER.writeValueAsString(new Item(text)), Item.class).name());
        assertTrue(StrictJson.WholeText.hasLoneSurrogate("a\udc00"));
        assertTrue(StrictJson.WholeText.hasLoneSurrogate("\ud83d"));
        assertFalse(StrictJson.WholeText.hasLoneSurrogate("👵🏻"));
    }
}
