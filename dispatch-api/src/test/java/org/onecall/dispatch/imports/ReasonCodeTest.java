package org.onecall.dispatch.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every import reason can be said in Chinese and in English, with every value it names. */
class ReasonCodeTest {

    static final Path DOC = Path.of("..", "docs", "import.md");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern ENGLISH_WORD = Pattern.compile("\\b[a-z]{2,}\\b");

    @ParameterizedTest
    @EnumSource(ReasonCode.class)
    void hasAChineseAndAnEnglishTextNamingTheSameValues(ReasonCode code) {
        String zh = code.text(Language.ZH_CN);
        String en = code.text(Language.EN);
        assertFalse(zh == null || zh.isBlank(), code + " has no Chinese text");
        assertFalse(en == null || en.isBlank(), code + " has no English text");
        assertNotEquals(zh, en, code.name());
        assertTrue(HAN.matcher(zh.replaceAll("\\{\\w+}", "")).find(), code + "'s Chinese text is Chinese: " + zh);
        assertTrue(ENGLISH_WORD.matcher(en.replaceAll("\\{\\w+}", "")).find(), code + "'s English text is English: " + en);
        assertEquals(ReasonCode.names(zh), ReasonCode.names(en), code + ": both texts name the same values");
    }

    @ParameterizedTest
    @EnumSource(ReasonCode.class)
    void rendersEveryValueItNamesInBothLanguages(ReasonCode code) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : code.params()) {
            params.put(name, "«" + name + "-值»");
        }
        for (Language language : Language.values()) {
            String text = new Reason(code, params).render(language);
            assertFalse(text.contains("{"), code + " in " + language + " leaves a value out: " + text);
            for (String value : params.values()) {
                assertTrue(text.contains(value), code + " in " + language + " shows " + value + ": " + text);
            }
        }
    }

    /** docs/import.md lists every code with its values and both texts, as the code has them. */
    @Test
    void theDocumentationListsEveryCodeWithBothTexts() throws IOException {
        String doc = Files.readString(DOC).replace("\\~", "~");
        for (ReasonCode code : ReasonCode.values()) {
            String row = "| `" + code + "` | " + String.join(", ", code.params()) + " | "
                    + code.text(Language.ZH_CN) + " | " + code.text(Language.EN) + " |";
            assertTrue(doc.contains(row), DOC + " lacks or differs from\n" + row);
        }
    }

    @Test
    void aValueWithRegexCharactersIsShownAsItIs() {
        assertEquals("“$1 \\ 很多”不是数字",
                Reason.of(ReasonCode.NOT_A_NUMBER, "value", "$1 \\ 很多").render(Language.ZH_CN));
        assertEquals("\"$1 \\ 很多\" is not a number",
                Reason.of(ReasonCode.NOT_A_NUMBER, "value", "$1 \\ 很多").render(Language.EN));
    }

    @Test
    void aLongCellIsCutInTheReason() {
        String cell = "很".repeat(500);
        String shown = Reason.of(ReasonCode.NOT_A_NUMBER, "value", cell).params().get("value");
        assertEquals(Reason.MAX_VALUE, shown.length());
        assertTrue(shown.endsWith("…"), shown);
    }

    @Test
    void aReasonGivenOtherValuesThanItsCodeNamesIsAMistakeTestsCatch() {
        // an assert: on in tests (surefire -ea), so a reason built wrong fails where it is built
        assertThrows(AssertionError.class, () -> Reason.of(ReasonCode.DUPLICATE_IN_FILE, "value", "138"));
        assertThrows(AssertionError.class, () -> Reason.of(ReasonCode.EMPTY, "value", "x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL | ZH_CN",
            "'' | ZH_CN",
            "zh-CN | ZH_CN",
            "zh | ZH_CN",
            "zh-Hans-CN,zh;q=0.9,en;q=0.8 | ZH_CN",
            "en | EN",
            "en-US,en;q=0.9 | EN",
            "fr-FR, en;q=0.8, zh;q=0.5 | EN",
            "en;q=0.3, zh-CN;q=0.9 | ZH_CN",
            "fr, de | ZH_CN",
            "* | ZH_CN",
            "en;q=0, * | ZH_CN",
            "not a ;;; header = | ZH_CN",
    })
    void theCallersLanguageIsChineseUnlessEnglishIsPreferred(String acceptLanguage, Language expected) {
        assertEquals(expected, Language.of(acceptLanguage), acceptLanguage);
    }
}
