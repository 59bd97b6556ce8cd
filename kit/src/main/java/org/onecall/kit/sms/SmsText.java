package org.onecall.kit.sms;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese SMS rules: the signature 【…】 is part of what the phone shows and is counted; up to 70
 * characters go as one message, longer ones are split into 67-character segments (each billed).
 */
public final class SmsText {

    public static final int SINGLE = 70;
    public static final int PER_SEGMENT = 67;
    public static final int MAX = 500;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private SmsText() {
    }

    /** What the phone shows: the signature in 【】 followed by the text. */
    public static String shown(String signName, String body) {
        return "【" + signName + "】" + body;
    }

    public static int segments(String shown) {
        int length = shown.codePointCount(0, shown.length());
        return length <= SINGLE ? 1 : (length + PER_SEGMENT - 1) / PER_SEGMENT;
    }

    /** The template with each ${name} replaced; a name without a value stays as it is. */
    public static String render(String template, Map<String, String> params) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = params.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The ${names} a template needs. */
    public static java.util.Set<String> variables(String template) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
