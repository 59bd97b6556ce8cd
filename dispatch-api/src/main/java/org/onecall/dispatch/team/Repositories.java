package org.onecall.dispatch.team;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

final class Repositories {

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface TeamRepository extends CrudRepository<Team, Long> {
        List<Team> findByCommunityIdOrderByName(String communityId);

        Optional<Team> findByCommunityIdAndName(String communityId, String name);

        List<Team> findByLeaderVolunteerId(Long volunteerId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface TeamMemberRepository extends CrudRepository<TeamMember, Long> {
        List<TeamMember> findByTeamId(long teamId);

        List<TeamMember> findByVolunteerId(long volunteerId);

        boolean existsByTeamIdAndVolunteerId(long teamId, long volunteerId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface GridRepository extends CrudRepository<Grid, Long> {
        List<Grid> findByCommunityIdOrderByCode(String communityId);

        boolean existsByCommunityIdAndCode(String communityId, String code);

        List<Grid> findByLeaderVolunteerId(Long volunteerId);
    }

    private Repositories() {
    }
}
