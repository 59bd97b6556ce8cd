package org.onecall.dispatch.need;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onecall.dispatch.account.Accounts;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.team.Teams;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;

/**
 * Who is told at each rung (contract C6: staff by account username, leaders who are volunteers by id):
 * TEAM_LEADER the leaders of the teams serving the category (every team leader when none does);
 * GRID_LEADER the household's grid leader and the coordinators limited to that grid; COORDINATOR the
 * community's coordinators (not limited to grids); STREET and DEPARTMENT the street's coordinators. A rung
 * where nobody is named tells the community's coordinators instead, so a climb never goes unheard.
 */
@Singleton
class LadderRecipients {

    record Recipients(List<String> usernames, List<Long> volunteerIds, List<String> names) {
    }

    private final Teams teams;
    private final Accounts accounts;
    private final Households households;
    private final CommunityRepository communities;
    private final Volunteers volunteers;

    LadderRecipients(Teams teams, Accounts accounts, Households households, CommunityRepository communities,
                     Volunteers volunteers) {
        this.teams = teams;
        this.accounts = accounts;
        this.households = households;
        this.communities = communities;
        this.volunteers = volunteers;
    }

    Recipients at(Need need, Rung rung) {
        String community = need.communityId();
        List<Accounts.Staff> staff = new ArrayList<>();
        List<Long> leaders = new ArrayList<>();
        switch (rung) {
            case TEAM_LEADER -> leaders.addAll(teams.teamLeadersFor(community, need.category(),
                    Views.zh(need.category())));
            case GRID_LEADER -> {
                Household h = households.get(need.householdId());
                if (h.grid() != null) {
                    teams.gridLeader(community, h.grid()).ifPresent(leaders::add);
                    staff.addAll(accounts.coordinators(community, h.grid(), null));
                }
            }
            case COORDINATOR -> staff.addAll(accounts.coordinators(community, null, null));
            case STREET, DEPARTMENT -> communities.findById(community).map(c -> c.street())
                    .ifPresent(street -> staff.addAll(accounts.coordinators(community, null, street)));
        }
        if (staff.isEmpty() && leaders.isEmpty()) {
            staff.addAll(accounts.coordinators(community, null, null));
        }
        List<String> names = new ArrayList<>();
        volunteers.byIds(leaders).stream().map(Volunteer::name).forEach(names::add);
        staff.stream().map(Accounts.Staff::displayName).forEach(names::add);
        return new Recipients(staff.stream().map(Accounts.Staff::username).toList(), List.copyOf(leaders), names);
    }

    /** Names of the people an escalation row names, for the queue. */
    List<String> names(Escalation row) {
        List<String> names = new ArrayList<>();
        volunteers.byIds(row.volunteerIds()).stream().map(Volunteer::name).forEach(names::add);
        Map<String, String> display = accounts.displayNames(row.usernames());
        row.usernames().forEach(u -> names.add(display.getOrDefault(u, u)));
        return names;
    }
}
