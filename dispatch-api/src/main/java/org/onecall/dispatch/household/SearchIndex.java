package org.onecall.dispatch.household;

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

    /** Counting a posting list stops here: beyond it, a token is merely "common". */
    static final int COUNT_CAP = 2000;
    /** Enough of a long query's bigrams to find a rare one without counting them all. */
    static final int MAX_COUNTED_TOKENS = 8;

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
        }
        // walk the rarest token's posting list in id order, keep what really contains the query
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT t.household_id FROM household_token t JOIN household h ON h.id = t.household_id"
                        + " WHERE t.community_id = ? AND t.token = ? AND h.search_text LIKE ? ESCAPE '\\'"
                        + " ORDER BY t.household_id LIMIT ?")) {
            ps.setString(1, communityId);
            ps.setString(2, driver);
            ps.setString(3, SearchText.likePattern(query));
            ps.setInt(4, limit);
            return ids(ps);
        }
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
        String sql = "SELECT DISTINCT p.household_id FROM household_phone p"
                + (communityId == null ? "" : " JOIN household h ON h.id = p.household_id AND h.community_id = ?")
                + " WHERE p." + column + " = ? ORDER BY p.household_id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (communityId != null) {
                ps.setString(i++, communityId);
            }
            ps.setString(i++, value);
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
