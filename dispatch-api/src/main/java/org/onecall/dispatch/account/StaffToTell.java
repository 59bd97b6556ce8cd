package org.onecall.dispatch.account;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whom a staff notice about a household goes to (C6: events name account usernames): the active
 * coordinator accounts that serve it by name, the whole community's and the grid leaders of its grid.
 * Street coordinators are left out on purpose: a complaint or a missed visit is the community's to
 * handle; what goes up the ladder is an escalation. The same accounts the ladder names at its grid and
 * community rungs ({@link Accounts#coordinators}).
 */
@Singleton
public class StaffToTell {

    private final Accounts accounts;

    StaffToTell(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The community's coordinators and the grid's leaders, by username, in username order. */
    public List<String> coordinatorsOf(String communityId, @Nullable String grid) {
        Set<String> names = new TreeSet<>(usernames(accounts.coordinators(communityId, null, null)));
        names.addAll(gridLeadersOf(communityId, grid));
        return List.copyOf(names);
    }

    /** Only the grid leaders' accounts (coordinators limited to that grid), by username. */
    public List<String> gridLeadersOf(String communityId, @Nullable String grid) {
        return grid == null ? List.of() : usernames(accounts.coordinators(communityId, grid, null));
    }

    private static List<String> usernames(List<Accounts.Staff> staff) {
        return staff.stream().map(Accounts.Staff::username).toList();
    }
}
