package org.onecall.dispatch.desk;

import java.util.ArrayList;
import java.util.List;

/**
 * A phone system (the hotline's PBX or a cloud call centre) allowed to announce incoming calls: its
 * name (recorded with each call), the community whose hotline it answers, and its own secret token,
 * sent as the {@value PhoneCallController#TOKEN_HEADER} header.
 */
record PhoneSystem(String name, String community, String token) {

    /** Tokens shorter than this are refused at start-up: a guessable token would let anyone pop desks. */
    static final int MIN_TOKEN = 16;

    /**
     * {@code onecall.phone-systems} (env {@code ONECALL_PHONE_SYSTEMS}): {@code name:community:token}
     * entries separated by commas, e.g. {@code pbx:xinghua-nanli:4f9c…,cloud:other-community:a81e…}.
     * One string rather than a map of maps, because it is set from one environment variable.
     */
    static List<PhoneSystem> parseAll(String text) {
        List<PhoneSystem> systems = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return systems;
        }
        for (String entry : text.split(",")) {
            String[] parts = entry.strip().split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].strip().length() < MIN_TOKEN) {
                throw new IllegalArgumentException("onecall.phone-systems: each entry is name:community:token with a"
                        + " token of at least " + MIN_TOKEN + " characters; got an entry for '" + parts[0].strip() + "'");
            }
            systems.add(new PhoneSystem(parts[0].strip(), parts[1].strip(), parts[2].strip()));
        }
        return systems;
    }
}
