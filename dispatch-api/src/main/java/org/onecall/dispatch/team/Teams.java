package org.onecall.dispatch.team;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.team.Repositories.GridRepository;
import org.onecall.dispatch.team.Repositories.TeamMemberRepository;
import org.onecall.dispatch.team.Repositories.TeamRepository;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.VolunteerKind;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.kit.Refusal;

/** Teams and grids with their leaders, and the steward ratio per grid. */
@Singleton
public class Teams {

    private final TeamRepository teams;
    private final TeamMemberRepository members;
    private final GridRepository grids;
    private final CommunityRepository communities;
    private final Volunteers volunteers;
    private final Clock clock;

    Teams(TeamRepository teams, TeamMemberRepository members, GridRepository grids, CommunityRepository communities,
          Volunteers volunteers, Clock clock) {
        this.teams = teams;
        this.members = members;
        this.grids = grids;
        this.communities = communities;
        this.volunteers = volunteers;
        this.clock = clock;
    }

    @Transactional
    public Team createTeam(String communityId, String name, String specialty, Long leaderId) {
        community(communityId);
        if (teams.findByCommunityIdAndName(communityId, name.strip()).isPresent()) {
            throw Refusal.conflict("team " + name + " already exists in " + communityId);
        }
        Team team = teams.save(new Team(null, communityId, name.strip(), specialty, leaderId, clock.instant()));
        if (leaderId != null) {
            addMember(team, member(communityId, leaderId, "leaderVolunteerId"));
        }
        return team;
    }

    @Transactional
    public Team addMember(long teamId, long volunteerId) {
        Team team = team(teamId);
        addMember(team, member(team.communityId(), volunteerId, "volunteerId"));
        return team;
    }

    /** For imports: joins an existing team found by name, in the caller's transaction. */
    @Transactional
    public void join(String communityId, String teamName, long volunteerId) {
        Team team = findByName(communityId, teamName)
                .orElseThrow(() -> Refusal.invalid("team", "no team " + teamName + " in " + communityId));
        addMember(team, volunteerId);
    }

    public Optional<Team> findByName(String communityId, String name) {
        return teams.findByCommunityIdAndName(communityId, name.strip());
    }

    List<Team> teams(String communityId) {
        community(communityId);
        return teams.findByCommunityIdOrderByName(communityId);
    }

    public List<Long> memberIds(long teamId) {
        return members.findByTeamId(teamId).stream().map(TeamMember::volunteerId).sorted().toList();
    }

    public Team team(long id) {
        return teams.findById(id).orElseThrow(() -> Refusal.notFound("team", id));
    }

    /** Whether the community has a grid with this code (accounts of grid leaders name grids by code). */
    public boolean gridExists(String communityId, String code) {
        return grids.existsByCommunityIdAndCode(communityId, code);
    }

    @Transactional
    public Grid createGrid(String communityId, String code, String name, Long leaderId) {
        community(communityId);
        if (grids.existsByCommunityIdAndCode(communityId, code.strip())) {
            throw Refusal.conflict("grid " + code + " already exists in " + communityId);
        }
        if (leaderId != null) {
            member(communityId, leaderId, "leaderVolunteerId");
        }
        return grids.save(new Grid(null, communityId, code.strip(), name.strip(), leaderId, clock.instant()));
    }

    /**
     * The leaders to tell first when nobody takes a need (the ladder's first rung): leaders of the
     * community's teams whose specialty names the category (its code or its Chinese name), or every team
     * leader of the community when no team does.
     */
    public List<Long> teamLeadersFor(String communityId, String category, String categoryZh) {
        List<Team> all = teams.findByCommunityIdOrderByName(communityId);
        List<Team> fitting = all.stream().filter(t -> t.specialty() != null
                && (t.specialty().toUpperCase(java.util.Locale.ROOT).contains(category)
                || t.specialty().contains(categoryZh))).toList();
        return (fitting.isEmpty() ? all : fitting).stream().map(Team::leaderVolunteerId)
                .filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** The grid leader (a volunteer) of the community's grid with this code, if it has one. */
    public Optional<Long> gridLeader(String communityId, String code) {
        return grids.findByCommunityIdOrderByCode(communityId).stream().filter(g -> g.code().equals(code))
                .map(Grid::leaderVolunteerId).filter(java.util.Objects::nonNull).findFirst();
    }

    /** Makes a volunteer the grid's leader (the demo's grids get theirs this way). */
    @Transactional
    public void setGridLeader(String communityId, String code, long volunteerId) {
        Grid g = grids.findByCommunityIdOrderByCode(communityId).stream().filter(x -> x.code().equals(code))
                .findFirst().orElseThrow(() -> Refusal.notFound("grid", code));
        grids.update(new Grid(g.id(), g.communityId(), g.code(), g.name(),
                member(communityId, volunteerId, "leaderVolunteerId"), g.createdAt()));
    }

    public List<Grid> grids(String communityId) {
        community(communityId);
        return grids.findByCommunityIdOrderByCode(communityId);
    }

    /** The volunteer's roles: the teams they belong to or lead, the grids they lead. */
    Roles roles(long volunteerId) {
        volunteers.get(volunteerId);
        List<Roles.TeamRole> teamRoles = members.findByVolunteerId(volunteerId).stream()
                .map(m -> team(m.teamId()))
                .map(t -> new Roles.TeamRole(t.id(), t.name(),
                        Long.valueOf(volunteerId).equals(t.leaderVolunteerId()) ? "LEADER" : "MEMBER"))
                .sorted(Comparator.comparing(Roles.TeamRole::teamId)).toList();
        List<String> gridsLed = grids.findByLeaderVolunteerId(volunteerId).stream().map(Grid::code).toList();
        return new Roles(volunteerId, teamRoles, gridsLed);
    }

    /** The leaders (volunteer ids) of the teams the volunteer belongs to, not counting the volunteer. */
    public List<Long> teamLeadersOf(long volunteerId) {
        return members.findByVolunteerId(volunteerId).stream().map(m -> team(m.teamId()).leaderVolunteerId())
                .filter(leader -> leader != null && leader != volunteerId).distinct().sorted().toList();
    }

    /** The grid leader (a volunteer id) of the community's grid with this code, if it has one. */
    public Optional<Long> gridLeaderOf(String communityId, String code) {
        return grids.findByCommunityIdOrderByCode(communityId).stream().filter(g -> g.code().equals(code))
                .map(Grid::leaderVolunteerId).filter(java.util.Objects::nonNull).findFirst();
    }

    record Roles(long volunteerId, List<TeamRole> teams, List<String> gridLeaderOf) {
        record TeamRole(long teamId, String name, String role) {
        }
    }

    /**
     * Per grid, active volunteers counted by kind against the rough rule of 1 steward (community
     * worker) : 5 retired : 10 in-service members. The target scales to the grid's strongest
     * group (at least one unit), so the shortfall says what to recruit to balance it.
     */
    List<GridRatio> stewardRatio(String communityId) {
        community(communityId);
        Map<String, Map<VolunteerKind, Integer>> counts = new TreeMap<>();
        Map<String, Grid> known = new TreeMap<>();
        for (Grid g : grids.findByCommunityIdOrderByCode(communityId)) {
            known.put(g.code(), g);
            counts.put(g.code(), new EnumMap<>(VolunteerKind.class));
        }
        for (Volunteer v : volunteers.inCommunity(communityId)) {
            if (v.active()) {
                String grid = v.grid() == null ? GridRatio.NO_GRID : v.grid();
                counts.computeIfAbsent(grid, g -> new EnumMap<>(VolunteerKind.class)).merge(v.kind(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().map(e -> GridRatio.of(e.getKey(), known.get(e.getKey()), e.getValue()))
                .toList();
    }

    private void addMember(Team team, long volunteerId) {
        if (!members.existsByTeamIdAndVolunteerId(team.id(), volunteerId)) {
            members.save(new TeamMember(null, team.id(), volunteerId));
        }
    }

    private long member(String communityId, long volunteerId, String field) {
        Volunteer v = volunteers.find(volunteerId)
                .orElseThrow(() -> Refusal.invalid(field, "volunteer " + volunteerId + " does not exist"));
        if (!v.communityId().equals(communityId)) {
            throw Refusal.invalid(field, "volunteer " + volunteerId + " is not in community " + communityId);
        }
        return volunteerId;
    }

    private void community(String communityId) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
    }
}
