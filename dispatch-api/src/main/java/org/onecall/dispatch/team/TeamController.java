package org.onecall.dispatch.team;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Teams, grids, their leaders, and the coordinators' view of the steward ratio. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class TeamController {

    private final Teams teams;

    TeamController(Teams teams) {
        this.teams = teams;
    }

    @Introspected
    record NewTeam(@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 200) String specialty,
                   @Nullable Long leaderVolunteerId) {
    }

    @Introspected
    record NewGrid(@NotBlank @Size(max = 64) String code, @NotBlank @Size(max = 200) String name,
                   @Nullable Long leaderVolunteerId) {
    }

    @Introspected
    record Member(@NotNull Long volunteerId) {
    }

    @Introspected
    record TeamView(Team team, List<Long> memberIds) {
    }

    @Post("/communities/{communityId}/teams")
    @Status(HttpStatus.CREATED)
    TeamView createTeam(@PathVariable String communityId, @Valid @Body NewTeam r) {
        return view(teams.createTeam(communityId, r.name(), r.specialty(), r.leaderVolunteerId()));
    }

    @Get("/communities/{communityId}/teams")
    List<TeamView> teams(@PathVariable String communityId) {
        return teams.teams(communityId).stream().map(this::view).toList();
    }

    @Post("/teams/{teamId}/members")
    TeamView addMember(@PathVariable long teamId, @Valid @Body Member m) {
        return view(teams.addMember(teamId, m.volunteerId()));
    }

    @Post("/communities/{communityId}/grids")
    @Status(HttpStatus.CREATED)
    Grid createGrid(@PathVariable String communityId, @Valid @Body NewGrid r) {
        return teams.createGrid(communityId, r.code(), r.name(), r.leaderVolunteerId());
    }

    @Get("/communities/{communityId}/grids")
    List<Grid> grids(@PathVariable String communityId) {
        return teams.grids(communityId);
    }

    @Get("/communities/{communityId}/steward-ratio")
    List<GridRatio> stewardRatio(@PathVariable String communityId) {
        return teams.stewardRatio(communityId);
    }

    @Get("/volunteers/{id}/roles")
    Teams.Roles roles(@PathVariable long id) {
        return teams.roles(id);
    }

    private TeamView view(Team t) {
        return new TeamView(t, teams.memberIds(t.id()));
    }
}
