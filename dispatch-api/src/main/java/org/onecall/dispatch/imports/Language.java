package org.onecall.dispatch.imports;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Locale;

/**
 * The two languages import reasons are written in. Coordinators read Chinese: it is the answer
 * unless the caller's Accept-Language prefers English to Chinese (any unknown or malformed header,
 * or none, is Chinese).
 */
enum Language {
    ZH_CN,
    EN;

    static Language of(@Nullable String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ZH_CN;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return ZH_CN;
        }
        // parse() sorts by weight, highest first: the first of ours wins; "*" means "anything", so ours
        for (Locale.LanguageRange r : ranges) {
            if (r.getWeight() == 0) {
                continue;
            }
            String range = r.getRange();
            if (range.equals("en") || range.startsWith("en-")) {
                return EN;
            }
            if (range.equals("zh") || range.startsWith("zh-") || range.equals("*")) {
                return ZH_CN;
            }
        }
        return ZH_CN;
    }
}
