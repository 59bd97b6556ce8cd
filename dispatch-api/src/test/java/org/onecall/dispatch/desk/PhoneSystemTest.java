package org.onecall.dispatch.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The phone systems' setting: name:community:token entries, a short or missing token refused at start. */
class PhoneSystemTest {

    @Test
    void entriesAreReadWithTheirCommunityAndToken() {
        assertEquals(List.of(new PhoneSystem("pbx", "xinghua-nanli", "0123456789abcdef"),
                        new PhoneSystem("cloud", "other", "token:with:colons-ok")),
                PhoneSystem.parseAll(" pbx:xinghua-nanli:0123456789abcdef , cloud:other:token:with:colons-ok"));
        assertTrue(PhoneSystem.parseAll("").isEmpty(), "none configured: every call is refused");
    }

    @Test
    void aShortTokenOrAMissingPartStopsTheStart() {
        for (String bad : List.of("pbx:xinghua-nanli:short", "pbx:xinghua-nanli", "pbx::0123456789abcdef",
                ":c:0123456789abcdef")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PhoneSystem.parseAll(bad));
            assertTrue(e.getMessage().contains("name:community:token"), e.getMessage());
        }
    }
}
