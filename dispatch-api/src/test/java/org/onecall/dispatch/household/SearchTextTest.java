package org.onecall.dispatch.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchTextTest {

    private static final List<String> NAMES = List.of("钱奶奶", "钱小明");
    private static final List<String> PLACES = List.of("北京市大兴区兴华南里2号楼1单元502", "兴华南里2号楼");

    @Test
    void every_query_token_of_a_substring_is_a_token_of_the_household() {
        Set<String> tokens = SearchText.tokens(NAMES, PLACES);
        for (String q : List.of("兴华", "兴华南里", "502", "2号楼1单元", "奶奶", "钱", "小明", "南里2号")) {
            assertTrue(tokens.containsAll(SearchText.queryTokens(q)), q);
            assertTrue(SearchText.document(NAMES, PLACES).contains(SearchText.normalise(q)), q);
        }
    }

    @Test
    void single_characters_are_indexed_so_a_one_character_query_finds_a_surname_or_a_place() {
        Set<String> tokens = SearchText.tokens(NAMES, PLACES);
        assertTrue(tokens.contains("钱"));
        assertTrue(tokens.contains("楼"));
        assertEquals(List.of("钱"), SearchText.queryTokens("钱"));
    }

    @Test
    void full_width_case_and_spaces_do_not_matter() {
        assertEquals("兴华南里2号楼502", SearchText.normalise(" 兴华南里　２号楼 ５０２ "));
        assertEquals("wang", SearchText.normalise("WANG"));
        assertEquals(SearchText.queryTokens("502"), SearchText.queryTokens("５０２"));
    }

    @Test
    void rare_cjk_and_emoji_are_whole_characters_not_halves_of_a_surrogate_pair() {
        Set<String> tokens = SearchText.tokens(List.of("𠮷野家"), List.of("🏠1号楼"));
        assertTrue(tokens.contains("𠮷"));
        assertTrue(tokens.contains("𠮷野"));
        assertTrue(tokens.contains("🏠1"));
        assertEquals(List.of("𠮷"), SearchText.queryTokens("𠮷"));
        tokens.forEach(t -> assertTrue(t.codePointCount(0, t.length()) <= 2, t));
    }

    @Test
    void like_pattern_escapes_wildcards() {
        assertEquals("%50\\%\\_x\\\\%", SearchText.likePattern("50%_x\\"));
    }

    @Test
    void a_blank_query_has_no_tokens() {
        assertTrue(SearchText.queryTokens("  　 ").isEmpty());
    }

    @Test
    void fields_do_not_run_into_each_other() {
        String doc = SearchText.document(List.of("王明"), List.of("兴华"));
        assertFalse(doc.contains("明兴"));
        assertFalse(SearchText.tokens(List.of("王明"), List.of("兴华")).contains("明兴"));
    }
}
