package org.onecall.notifier;

import static io.micronaut.http.HttpMethod.GET;
import static io.micronaut.http.HttpMethod.POST;
import static io.micronaut.http.HttpMethod.PUT;
import static org.onecall.kit.security.Role.ADMIN;
import static org.onecall.kit.security.Role.COORDINATOR;
import static org.onecall.kit.security.Role.OPERATOR;
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
                Access.of(GET, "/notify/volunteers/{volunteerId}/deliveries", Scope.VOLUNTEER, VOLUNTEER),
                Access.of(GET, "/notify/volunteers/{volunteerId}/channels", Scope.VOLUNTEER, VOLUNTEER),
                Access.of(PUT, "/notify/volunteers/{volunteerId}/channels", Scope.VOLUNTEER, VOLUNTEER)
                        .note("page, SMS or both; SMS only for a basic phone"),
                Access.of(POST, "/notify/volunteers/{volunteerId}/deliveries/{eventId}/ack", Scope.VOLUNTEER, VOLUNTEER)
                        .note("the page showed the offer; unacknowledged ones go again by SMS"),
                Access.of(GET, "/notify/volunteers/{volunteerId}/log", Scope.VOLUNTEER, VOLUNTEER)
                        .note("every message on every channel, with attempts and receipts"),
                // the notifier learns a need's community from its events and a street's communities from
                // dispatch-api, so the service decides (answering 404, as for a need it does not know)
                Access.of(GET, "/notify/needs/{needId}/log", Scope.ROLE_ONLY, COORDINATOR, OPERATOR)
                        .note("who was told what: staff of the need's community or its street; 404 for others,"
                                + " for grid leaders and for needs of before the community was recorded"),
                // the provider's callbacks sign in with an HMAC of the body (the shared callback secret)
                Access.callback(POST, "/notify/sms/receipts"),
                Access.callback(POST, "/notify/sms/replies"),
                Access.of(GET, "/notify/staff/notices", Scope.ROLE_ONLY, COORDINATOR, OPERATOR)
                        .note("escalations, needs without a volunteer, volunteers' free-text SMS: of the caller's communities and street"),
                Access.of(GET, "/notify/staff/stream", Scope.ROLE_ONLY, COORDINATOR, OPERATOR)
                        .note("the same, live (SSE)"));
    }
}
