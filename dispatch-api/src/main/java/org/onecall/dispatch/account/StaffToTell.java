package org.onecall.dispatch.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whom a staff notice about a household goes to (C6: events name account usernames): the active
 * coordinator accounts that serve it by name, the whole community's and the grid leaders of its grid.
 * Street coordinators are left out on purpose: a complaint or a missed visit is the community's to
 * handle; what goes up the ladder is an escalation.
 */
@Singleton
public class StaffToTell {

    private final JdbcOperations jdbc;

    StaffToTell(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The community's coordinators and the grid's leaders, by username, in username order. */
    public List<String> coordinatorsOf(String communityId, @Nullable String grid) {
        return serving(communityId, grid, true);
    }

    /** Only the grid leaders' accounts (coordinators limited to that grid), by username. */
    public List<String> gridLeadersOf(String communityId, @Nullable String grid) {
        return serving(communityId, grid, false);
    }

    private List<String> serving(String communityId, @Nullable String grid, boolean wholeCommunityToo) {
        return jdbc.prepareStatement("SELECT username, communities, grids FROM account WHERE role = 'COORDINATOR'"
                + " AND active = TRUE ORDER BY username", ps -> {
            List<String> names = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!csv(rs.getString(2)).contains(communityId)) {
                        continue;
                    }
                    Set<String> grids = csv(rs.getString(3));
                    boolean leader = grid != null && grids.contains(grid);
                    if (leader || (wholeCommunityToo && grids.isEmpty())) {
                        names.add(rs.getString(1));
                    }
                }
            }
            return names;
        });
    }

    private static Set<String> csv(@Nullable String s) {
        return s == null || s.isBlank() ? Set.of()
                : Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).collect(Collectors.toSet());
    }
}
