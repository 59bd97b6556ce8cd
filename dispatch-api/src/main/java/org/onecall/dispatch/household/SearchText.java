package org.onecall.dispatch.household;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tokeniser of the operator's substring search, shared by writers and readers (and the bench).
 *
 * <p>Text is normalised (NFKC, so full-width ５０２ is 502; lower case; whitespace dropped, because
 * people write 兴华南里 2号楼 and 兴华南里2号楼 alike). A household is indexed by every bigram of
 * code points of each field (兴华, 华南, 50, 02...), and by the single characters of names, so a
 * query of one character finds a surname. Any query of two or more characters is a substring of a
 * field only if all its bigrams are tokens of that household, so the posting list of its rarest
 * bigram holds every match; the match itself is checked against {@link #document}.
 */
public final class SearchText {

    /** Bump when tokens change: rows with an older version are re-indexed at start-up. */
    public static final int VERSION = 2;

    private SearchText() {
    }

    public static String normalise(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(n.length());
        n.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
                && !Character.isISOControl(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** What matches are verified against: the normalised fields, one per line, so no match spans two. */
    public static String document(List<String> names, List<String> places) {
        List<String> fields = new ArrayList<>();
        for (String s : names) {
            fields.add(normalise(s));
        }
        for (String s : places) {
            fields.add(normalise(s));
        }
        String doc = String.join("\n", fields.stream().filter(f -> !f.isEmpty()).toList());
        return doc.length() > 4000 ? doc.substring(0, 4000) : doc;
    }

    public static Set<String> tokens(List<String> names, List<String> places) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String field : concat(names, places)) {
            int[] cps = normalise(field).codePoints().toArray();
            for (int cp : cps) {
                tokens.add(new String(Character.toChars(cp)));
            }
            bigrams(cps, tokens);
        }
        return tokens;
    }

    /** The tokens a query needs: its bigrams, or the character itself if it has one. Empty for a blank query. */
    public static List<String> queryTokens(String query) {
        int[] cps = normalise(query).codePoints().toArray();
        Set<String> tokens = new LinkedHashSet<>();
        if (cps.length == 1) {
            tokens.add(new String(cps, 0, 1));
        }
        bigrams(cps, tokens);
        return List.copyOf(tokens);
    }

    /** {@code %query%} for LIKE with {@code ESCAPE '\'}. */
    public static String likePattern(String query) {
        return "%" + normalise(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void bigrams(int[] cps, Set<String> into) {
        for (int i = 0; i + 1 < cps.length; i++) {
            into.add(new String(cps, i, 2));
        }
    }
}
