package org.onecall.notifier;

import static io.micronaut.http.HttpMethod.GET;
import static org.onecall.kit.security.Role.VOLUNTEER;

import jakarta.inject.Singleton;
import java.util.List;
import org.onecall.kit.security.Access;
import org.onecall.kit.security.AccessPolicy;
import org.onecall.kit.security.Scope;

/** A volunteer's feed is theirs alone (admins may look, to help with trouble). */
@Singleton
class NotifierAccessPolicy implements AccessPolicy {
    @Override
    public List<Access> rules() {
        return List.of(
                Access.of(GET, "/notify/volunteers/{volunteerId}/stream", Scope.VOLUNTEER, VOLUNTEER),
                Access.of(GET, "/notify/volunteers/{volunteerId}/deliveries", Scope.VOLUNTEER, VOLUNTEER));
    }
}
