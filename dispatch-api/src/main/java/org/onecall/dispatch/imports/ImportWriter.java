package org.onecall.dispatch.imports;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.IntConsumer;
import org.onecall.dispatch.team.Teams;
import org.onecall.dispatch.volunteer.NewVolunteer;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;

/**
 * All or nothing: every volunteer, their team memberships and an outbox row with each one's state
 * go into one transaction; any failure rolls all of it back.
 */
@Singleton
class ImportWriter {

    private final Volunteers volunteers;
    private final Teams teams;

    ImportWriter(Volunteers volunteers, Teams teams) {
        this.volunteers = volunteers;
        this.teams = teams;
    }

    @Transactional
    int write(String communityId, List<VolunteerRows.Parsed> rows, IntConsumer progress) {
        List<NewVolunteer> all = rows.stream().map(r -> r.volunteer().orElseThrow()).toList();
        List<Volunteer> saved = volunteers.registerAll(communityId, all, progress);
        for (int i = 0; i < saved.size(); i++) {
            for (String team : rows.get(i).teams()) {
                teams.join(communityId, team, saved.get(i).id());
            }
        }
        return saved.size();
    }
}
