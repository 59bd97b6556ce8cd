package org.onecall.dispatch.household;

/**
 * The one rule for free text from outside: no C0 control characters but newline and tab, no DEL,
 * no lone surrogate (a broken emoji would be silently turned into '?' on the way to PostgreSQL,
 * and NUL is refused by it outright). Emoji and rare CJK such as 𠮷 are welcome.
 */
public final class Text {

    public static final String PLAIN = "[^\\x00-\\x08\\x0B-\\x1F\\x7F]*";
    public static final String PLAIN_REASON = "must not contain control characters (only newline and tab)";
    /**
     * One line: no control character at all. Spelled as ranges, not {@code \p{Cntrl}}, so the OpenAPI
     * document's patterns stay ECMA-262 regexes that generated clients can use.
     */
    public static final String ONE_LINE = "[^\\x00-\\x1F\\x7F]*";
    public static final String ONE_LINE_REASON = "must be one line without control characters";

    private Text() {
    }

    /** Stripped, or null when blank. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
