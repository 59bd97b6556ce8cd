package org.onecall.dispatch.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"13800010001", "138 0001 0001", "138-0001-0001", "+86 138 0001 0001", "+8613800010001",
            "0086 13800010001", "0086-138-0001-0001", "86 138 0001 0001", "８６１３８０００１０００１", "+86 (0)138 0001 0001",
            " 13800010001 ", "１３８００ ０１０００１"})
    void every_way_of_writing_a_mobile_number_is_one_number(String written) {
        PhoneNumbers.Normalised n = PhoneNumbers.normalise(written);
        assertEquals("+8613800010001", n.e164());
        assertEquals(PhoneKind.MOBILE, n.kind());
        assertEquals("13800010001", n.localNumber());
    }

    @ParameterizedTest
    @ValueSource(strings = {"010-6920-0004", "(010)69200004", "（０１０）６９２０ ０００４", "01069200004", "010 6920 0004",
            "+86 10 6920 0004", "+861069200004", "0086 10 69200004", "+86 (0)10 69200004", "0086-010-69200004"})
    void every_way_of_writing_a_beijing_landline_is_one_number(String written) {
        PhoneNumbers.Normalised n = PhoneNumbers.normalise(written);
        assertEquals("+861069200004", n.e164());
        assertEquals(PhoneKind.LANDLINE, n.kind());
        assertEquals("69200004", n.localNumber());
    }

    @ParameterizedTest
    @CsvSource({"021-6321-1234,+862163211234,63211234", "0755-8888-1234,+8675588881234,88881234",
            "0311-8765432,+863118765432,8765432", "+86 755 8888 1234,+8675588881234,88881234",
            "(020)8123-4567,+862081234567,81234567"})
    void area_codes_of_two_and_three_digits(String written, String e164, String local) {
        PhoneNumbers.Normalised n = PhoneNumbers.normalise(written);
        assertEquals(e164, n.e164());
        assertEquals(local, n.localNumber());
        assertEquals(PhoneKind.LANDLINE, n.kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "69200004|area code", "1380001000|11 digits", "12800010001|11 digits", "+1 415 555 0100|+86",
            "0044 20 7946 0000|0086", "138-0001-0001 ext 5|only hold digits", "abc|only hold digits",
            "010-123|area code", "0123456789|landline", "400-800-1234|neither", "+86 138 0001 00011|landline",
            "138+00010001|only hold digits", "   |give a phone number"})
    void what_is_not_a_reachable_chinese_number_is_refused_with_a_reason(String written, String reasonPart) {
        var e = assertThrows(PhoneNumbers.NotAPhoneNumber.class, () -> PhoneNumbers.normalise(written));
        assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"69200004", "6920-0004", "8765432"})
    void a_bare_subscriber_number_is_recognised_for_look_up(String written) {
        assertTrue(PhoneNumbers.isSubscriberNumber(written));
    }

    @ParameterizedTest
    @ValueSource(strings = {"13800010001", "010-69200004", "0920004", "123"})
    void a_full_number_is_not_a_bare_subscriber_number(String written) {
        assertFalse(PhoneNumbers.isSubscriberNumber(written));
    }
}
