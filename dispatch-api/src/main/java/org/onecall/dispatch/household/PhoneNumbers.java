package org.onecall.dispatch.household;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Chinese phone numbers in the forms people say and type them: {@code 138 0001 0001},
 * {@code +86 138-0001-0001}, {@code 0086 13800010001}, {@code 010-6920-0004}, {@code (010)69200004},
 * {@code +86 10 6920 0004}, full-width digits. Stored in one E.164 form ({@code +8613800010001},
 * {@code +861069200004}) so a look-up finds the household whichever way the number was written.
 */
public final class PhoneNumbers {

    /** A number in its stored form. {@code localNumber} is what remains without country and area code. */
    public record Normalised(String e164, PhoneKind kind, String localNumber) {
    }

    /** A number that cannot be one of ours; the message says why, for the operator. */
    public static final class NotAPhoneNumber extends IllegalArgumentException {
        NotAPhoneNumber(String reason) {
            super(reason);
        }
    }

    private static final Pattern ALLOWED = Pattern.compile("\\+?[0-9 ()\\-.]+");
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern SUBSCRIBER = Pattern.compile("[2-9][0-9]{6,7}");

    private PhoneNumbers() {
    }

    public static Normalised normalise(String input) {
        if (input == null || input.isBlank()) {
            throw new NotAPhoneNumber("give a phone number");
        }
        // full-width digits, brackets and plus (１３８、（０１０）) become ASCII
        String raw = Normalizer.normalize(input, Normalizer.Form.NFKC).strip();
        if (!ALLOWED.matcher(raw).matches()) {
            throw new NotAPhoneNumber("may only hold digits, spaces, dashes, brackets and a leading +");
        }
        String digits = raw.replaceAll("[^0-9]", "");
        boolean international = raw.startsWith("+") || digits.startsWith("00");
        String national;
        if (raw.startsWith("+")) {
            if (!digits.startsWith("86")) {
                throw new NotAPhoneNumber("only Chinese numbers (+86) can be reached by the hotline");
            }
            national = digits.substring(2);
        } else if (digits.startsWith("00")) {
            if (!digits.startsWith("0086")) {
                throw new NotAPhoneNumber("only Chinese numbers (0086) can be reached by the hotline");
            }
            national = digits.substring(4);
        } else if (digits.length() == 13 && digits.startsWith("861")) {
            international = true; // 86 13800010001, written without the plus
            national = digits.substring(2);
        } else {
            national = digits;
        }
        if (international) {
            // after the country code the trunk 0 is dropped (+86 10 ...), but people write +86 (0)10 ...
            if (national.startsWith("0")) {
                national = national.substring(1);
            }
            if (MOBILE.matcher(national).matches()) {
                return mobile(national);
            }
            return landline(national);
        }
        if (national.startsWith("1")) {
            if (MOBILE.matcher(national).matches()) {
                return mobile(national);
            }
            throw new NotAPhoneNumber("a mobile number has 11 digits and starts with 13 to 19");
        }
        if (national.startsWith("0")) {
            return landline(national.substring(1));
        }
        if (SUBSCRIBER.matcher(national).matches()) {
            throw new NotAPhoneNumber("a landline needs its area code, e.g. 010-69200004");
        }
        throw new NotAPhoneNumber("is neither a mobile number (11 digits, 13 to 19...) nor a landline with area code");
    }

    /** Whether the text is a bare subscriber number (7 or 8 digits), which a look-up may still use. */
    public static boolean isSubscriberNumber(String input) {
        String raw = Normalizer.normalize(input, Normalizer.Form.NFKC).strip();
        return ALLOWED.matcher(raw).matches() && SUBSCRIBER.matcher(raw.replaceAll("[^0-9]", "")).matches();
    }

    public static String digitsOf(String input) {
        return Normalizer.normalize(input, Normalizer.Form.NFKC).replaceAll("[^0-9]", "");
    }

    private static Normalised mobile(String n) {
        return new Normalised("+86" + n, PhoneKind.MOBILE, n);
    }

    /** {@code n} without the trunk 0: area code (10, 2x: two digits; otherwise three) and subscriber number. */
    private static Normalised landline(String n) {
        if (n.isEmpty() || n.startsWith("0")) {
            throw new NotAPhoneNumber("is not a Chinese landline number");
        }
        int areaLength = n.charAt(0) == '1' || n.charAt(0) == '2' ? 2 : 3;
        if (n.charAt(0) == '1' && (n.length() < 2 || n.charAt(1) != '0')) {
            throw new NotAPhoneNumber("is not a Chinese landline number (area codes starting with 1 are only 010)");
        }
        String subscriber = n.length() > areaLength ? n.substring(areaLength) : "";
        if (!SUBSCRIBER.matcher(subscriber).matches()) {
            throw new NotAPhoneNumber("a landline is an area code (010, 021, 0755...) and 7 or 8 digits");
        }
        return new Normalised("+86" + n, PhoneKind.LANDLINE, subscriber);
    }
}
