package org.onecall.dispatch.household;

import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The SQL of the operator's look-ups and of the token index behind them. Plain JDBC on a given
 * connection rather than a repository: the query is chosen at run time (which token drives it),
 * and the benchmark ({@code bench/run lookup}) runs exactly this code on H2 and PostgreSQL.
 */
public final class SearchIndex {

    /**
     * Counting a posting list stops here: beyond it, a token is merely "common", and which common
     * token drives matters little (matches of common words are dense). Counting is the main cost
     * of a query, so the cap is low.
     */
    static final int COUNT_CAP = 256;
    /** A token this rare is driver enough: stop counting. */
    static final int RARE_ENOUGH = 32;
    /** Enough of a long query's bigrams to find a rare one without counting them all. */
    static final int MAX_COUNTED_TOKENS = 6;
    private static final int FIRST_CHUNK = 64;
    private static final int MAX_CHUNK = 4096;
    /** Candidates verified per statement; a fixed count, so the statement text never changes. */
    private static final int VERIFY_BATCH = 64;

    private SearchIndex() {
    }

    public static void write(Connection c, String communityId, long householdId, Collection<String> tokens)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO household_token (community_id, token, household_id) VALUES (?, ?, ?)")) {
            for (String token : tokens) {
                ps.setString(1, communityId);
                ps.setString(2, token);
                ps.setLong(3, householdId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static void clear(Connection c, long householdId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM household_token WHERE household_id = ?")) {
            ps.setLong(1, householdId);
            ps.executeUpdate();
        }
    }

    /**
     * Households of the community whose name, residents' names or address contain {@code query}
     * (after {@link SearchText#normalise}), by id, at most {@code limit}.
     */
    public static List<Long> byText(Connection c, String communityId, String query, int limit) throws SQLException {
        return byText(c, communityId, query, limit, null);
    }

    /** As {@link #byText(Connection, String, String, int)}, only households in one of {@code grids} (null: any). */
    public static List<Long> byText(Connection c, String communityId, String query, int limit,
                                    @Nullable Collection<String> grids) throws SQLException {
        List<String> tokens = SearchText.queryTokens(query);
        if (tokens.isEmpty()) {
            return List.of();
        }
        String driver = null;
        int fewest = Integer.MAX_VALUE;
        for (String token : spread(tokens)) {
            int n = boundedCount(c, communityId, token);
            if (n == 0) {
                return List.of(); // a bigram nobody has: nothing can match
            }
            if (n < fewest) {
                fewest = n;
                driver = token;
            }
            if (n < RARE_ENOUGH) {
                break;
            }
        }
        return walk(c, communityId, driver, SearchText.likePattern(query), limit, grids == null ? null : List.copyOf(grids));
    }

    /**
     * Walks the driving token's posting list in id order, a chunk at a time (an index range scan),
     * and keeps the households whose text really contains the query (primary-key look-ups). Two
     * simple statements rather than one join: H2's planner may start a join from the household
     * side and scan the whole community, and PostgreSQL's may do the same when it misjudges the
     * LIKE; these plans cannot go wrong on either. Chunks grow, because a common driver matches densely.
     */
    private static List<Long> walk(Connection c, String communityId, String driver, String pattern, int limit,
                                   @Nullable List<String> grids) throws SQLException {
        // a grid leader's search: the grid is checked with the text, so the limit counts only their households
        String inGrids = grids == null ? "" : " AND grid IN (" + "?,".repeat(Math.max(grids.size(), 1) - 1) + "?)";
        List<Long> found = new ArrayList<>();
        long after = Long.MIN_VALUE;
        int chunk = FIRST_CHUNK;
        try (PreparedStatement postings = c.prepareStatement("SELECT household_id FROM household_token"
                + " WHERE community_id = ? AND token = ? AND household_id > ? ORDER BY household_id LIMIT ?");
             PreparedStatement verify = c.prepareStatement("SELECT id FROM household WHERE id IN ("
                     + "?,".repeat(VERIFY_BATCH - 1) + "?) AND search_text LIKE ? ESCAPE '\\'" + inGrids + " ORDER BY id")) {
            while (found.size() < limit) {
                postings.setString(1, communityId);
                postings.setString(2, driver);
                postings.setLong(3, after);
                postings.setInt(4, chunk);
                List<Long> candidates = ids(postings);
                for (int from = 0; from < candidates.size() && found.size() < limit; from += VERIFY_BATCH) {
                    List<Long> batch = candidates.subList(from, Math.min(candidates.size(), from + VERIFY_BATCH));
                    for (int i = 0; i < VERIFY_BATCH; i++) {
                        verify.setLong(i + 1, i < batch.size() ? batch.get(i) : -1L); // -1: no household
                    }
                    verify.setString(VERIFY_BATCH + 1, pattern);
                    if (grids != null) {
                        for (int g = 0; g < Math.max(grids.size(), 1); g++) {
                            verify.setString(VERIFY_BATCH + 2 + g, grids.isEmpty() ? "" : grids.get(g));
                        }
                    }
                    for (long id : ids(verify)) {
                        if (found.size() < limit) {
                            found.add(id);
                        }
                    }
                }
                if (candidates.size() < chunk) {
                    break; // the posting list is exhausted
                }
                after = candidates.get(candidates.size() - 1);
                chunk = Math.min(chunk * 4, MAX_CHUNK);
            }
        }
        return found;
    }

    /** Households with this phone (E.164), optionally only in one community. */
    public static List<Long> byPhone(Connection c, String e164, String communityId, int limit) throws SQLException {
        return byPhoneColumn(c, "e164", e164, communityId, limit);
    }

    /** Households with a phone whose number without area code is this one. */
    public static List<Long> bySubscriberNumber(Connection c, String localNumber, String communityId, int limit)
            throws SQLException {
        return byPhoneColumn(c, "local_number", localNumber, communityId, limit);
    }

    private static List<Long> byPhoneColumn(Connection c, String column, String value, String communityId, int limit)
            throws SQLException {
        // EXISTS, not a join: H2 would otherwise start from the community's households
        String sql = "SELECT DISTINCT p.household_id FROM household_phone p WHERE p." + column + " = ?"
                + (communityId == null ? "" : " AND EXISTS (SELECT 1 FROM household h"
                + " WHERE h.id = p.household_id AND h.community_id = ?)")
                + " ORDER BY p.household_id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, value);
            if (communityId != null) {
                ps.setString(i++, communityId);
            }
            ps.setInt(i, limit);
            return ids(ps);
        }
    }

    private static int boundedCount(Connection c, String communityId, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM household_token"
                + " WHERE community_id = ? AND token = ? LIMIT " + COUNT_CAP + ") capped")) {
            ps.setString(1, communityId);
            ps.setString(2, token);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** At most {@link #MAX_COUNTED_TOKENS} of the tokens, spread over the query. */
    private static List<String> spread(List<String> tokens) {
        if (tokens.size() <= MAX_COUNTED_TOKENS) {
            return tokens;
        }
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < MAX_COUNTED_TOKENS; i++) {
            picked.add(tokens.get(i * (tokens.size() - 1) / (MAX_COUNTED_TOKENS - 1)));
        }
        return picked;
    }

    private static List<Long> ids(PreparedStatement ps) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
