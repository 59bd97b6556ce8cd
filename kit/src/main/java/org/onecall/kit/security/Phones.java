package org.onecall.kit.security;

/** Minimal disclosure for phone numbers: 13812345678 becomes 138****5678. */
public final class Phones {

    public static String mask(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (phone.startsWith("+86") || (digits.startsWith("86") && digits.length() == 13)) {
            digits = digits.substring(2); // the country code is not the resident's number
        }
        if (digits.length() < 7) {
            return "****";
        }
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }

    private Phones() {
    }
}
