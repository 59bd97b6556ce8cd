package org.onecall.dispatch.access;

import static io.micronaut.http.HttpMethod.DELETE;
import static io.micronaut.http.HttpMethod.GET;
import static io.micronaut.http.HttpMethod.POST;
import static io.micronaut.http.HttpMethod.PUT;
import static org.onecall.kit.security.Role.ADMIN;
import static org.onecall.kit.security.Role.COORDINATOR;
import static org.onecall.kit.security.Role.OPERATOR;
import static org.onecall.kit.security.Role.SERVICE;
import static org.onecall.kit.security.Role.VOLUNTEER;

import jakarta.inject.Singleton;
import java.util.List;
import org.onecall.kit.security.Access;
import org.onecall.kit.security.AccessPolicy;
import org.onecall.kit.security.Scope;

/**
 * Who may call each dispatch-api route. Admins may call everything; a route missing here is refused
 * to everyone (and the authorization matrix test fails until it is decided). docs/access.md is
 * generated from this list (AccessDocTest).
 *
 * <p>Grid leaders (coordinators limited to some grids of their community) act on households of
 * their grids and on those households' needs, offers and micro-wishes; they read community-wide
 * resources (volunteers, teams, grids, merchants, agreements, projects, service targets, the HSDS
 * export), because they dispatch across grids, but do not change them: that stays with the
 * community office. Lists of the community are narrowed to their grids.
 */
@Singleton
class DispatchAccessPolicy implements AccessPolicy {

    @Override
    public List<Access> rules() {
        return List.of(
                Access.signIn(POST, "/api/auth/login"),
                Access.signIn(POST, "/api/auth/code"),
                Access.signIn(POST, "/api/auth/code/login"),
                Access.signIn(POST, "/api/auth/logout"),
                // exists only in demo mode (no route otherwise): the simulated SMS's code for the sign-in page
                Access.signIn(GET, "/api/auth/code/demo").note("demo mode only: the route does not exist otherwise"),
                // the phone system authenticates with its own token (onecall.phone-systems), not a sign-in
                Access.callback(POST, "/api/phone/calls").note("the phone system's own token (X-Phone-System-Token)"),
                // the API description, generated from these controllers: nothing in it is secret
                Access.open(GET, "/openapi/onecall.yml"),
                // the bare address redirects to the web pages, which are static files, not routes: they
                // hold no data (everything they show comes through the routes below) and are public
                Access.open(GET, "/"),
                Access.of(GET, "/api/auth/me", Scope.ROLE_ONLY, COORDINATOR, OPERATOR, VOLUNTEER)
                        .note("the caller's own scope"),
                Access.of(PUT, "/api/auth/password", Scope.ROLE_ONLY, COORDINATOR, OPERATOR, VOLUNTEER)
                        .note("the caller's own password, given the current one"),

                Access.of(POST, "/api/accounts", Scope.ROLE_ONLY, ADMIN),
                Access.of(GET, "/api/accounts", Scope.ROLE_ONLY, ADMIN),
                Access.of(PUT, "/api/accounts/{username}/active", Scope.ROLE_ONLY, ADMIN)
                        .note("off also revokes the account's tokens; not one's own account"),
                Access.of(POST, "/api/accounts/{username}/unlock", Scope.ROLE_ONLY, ADMIN),
                Access.of(PUT, "/api/accounts/{username}", Scope.ROLE_ONLY, ADMIN)
                        .note("a change of role or scope revokes the account's tokens; not one's own role"),
                Access.of(PUT, "/api/accounts/{name}/phone", Scope.USERNAME, COORDINATOR, OPERATOR)
                        .note("one's own mobile, where escalations at the top of the ladder are texted; an admin for anyone"),
                Access.of(PUT, "/api/accounts/{username}/password", Scope.ROLE_ONLY, ADMIN)
                        .note("revokes the account's tokens"),
                Access.of(GET, "/api/audit", Scope.ROLE_ONLY, ADMIN),
                Access.of(GET, "/api/audit/export", Scope.ROLE_ONLY, ADMIN),

                Access.of(POST, "/api/streets", Scope.ROLE_ONLY, ADMIN),
                Access.of(GET, "/api/streets", Scope.ROLE_ONLY, ADMIN),
                Access.of(POST, "/api/communities", Scope.ROLE_ONLY, ADMIN),
                Access.of(GET, "/api/communities", Scope.ROLE_ONLY, COORDINATOR, OPERATOR)
                        .note("lists only the communities the caller serves (by name and on their street)"),
                Access.of(GET, "/api/communities/{id}", Scope.COMMUNITY, COORDINATOR, OPERATOR),

                // a grid leader registers households of their grids: the service checks the body's grid
                Access.of(POST, "/api/communities/{communityId}/households", Scope.COMMUNITY, COORDINATOR, OPERATOR)
                        .gridInBody(),
                Access.of(GET, "/api/households", Scope.BODY, COORDINATOR, OPERATOR).filteredByGrid()
                        .note("results only of households the caller serves (communities, street, grids)"),
                Access.of(GET, "/api/households/{id}", Scope.HOUSEHOLD, COORDINATOR, OPERATOR),
                Access.of(PUT, "/api/households/{id}", Scope.HOUSEHOLD, COORDINATOR, OPERATOR),
                Access.of(GET, "/api/households/{id}/contact", Scope.HOUSEHOLD, COORDINATOR, OPERATOR),
                Access.of(POST, "/api/households/{id}/phones", Scope.HOUSEHOLD, COORDINATOR, OPERATOR),
                Access.of(DELETE, "/api/households/{id}/phones/{phoneId}", Scope.HOUSEHOLD, COORDINATOR, OPERATOR),
                Access.of(GET, "/api/households/{id}/diary", Scope.HOUSEHOLD, COORDINATOR, OPERATOR),
                Access.of(POST, "/api/households/{id}/diary", Scope.HOUSEHOLD, COORDINATOR, OPERATOR),
                Access.of(GET, "/api/households/{householdId}/needs", Scope.HOUSEHOLD, COORDINATOR, OPERATOR),
                Access.of(GET, "/api/communities/{communityId}/desk/stream", Scope.COMMUNITY, COORDINATOR, OPERATOR)
                        .note("the operator's desk: screen-pops and need status lines (SSE)"),

                Access.of(POST, "/api/communities/{communityId}/volunteers", Scope.COMMUNITY, COORDINATOR),
                Access.of(PUT, "/api/volunteers/{id}/status", Scope.VOLUNTEER, COORDINATOR),
                Access.of(PUT, "/api/volunteers/{id}/calendar", Scope.VOLUNTEER, COORDINATOR, VOLUNTEER),
                Access.of(GET, "/api/volunteers/{id}/roles", Scope.VOLUNTEER, COORDINATOR, OPERATOR, VOLUNTEER),
                Access.of(POST, "/api/communities/{communityId}/teams", Scope.COMMUNITY, COORDINATOR),
                Access.of(GET, "/api/communities/{communityId}/teams", Scope.COMMUNITY, COORDINATOR, OPERATOR),
                Access.of(POST, "/api/teams/{teamId}/members", Scope.TEAM, COORDINATOR),
                Access.of(POST, "/api/communities/{communityId}/grids", Scope.COMMUNITY, COORDINATOR),
                Access.of(GET, "/api/communities/{communityId}/grids", Scope.COMMUNITY, COORDINATOR, OPERATOR),
                Access.of(GET, "/api/communities/{communityId}/steward-ratio", Scope.COMMUNITY, COORDINATOR),
                Access.of(POST, "/api/communities/{communityId}/merchants", Scope.COMMUNITY, COORDINATOR),
                Access.of(GET, "/api/communities/{communityId}/merchants", Scope.COMMUNITY, COORDINATOR, OPERATOR),
                Access.of(GET, "/api/merchants/{id}", Scope.MERCHANT, COORDINATOR, OPERATOR),
                Access.of(PUT, "/api/merchants/{id}/open", Scope.MERCHANT, COORDINATOR),
                Access.of(POST, "/api/communities/{communityId}/agreements", Scope.COMMUNITY, COORDINATOR),
                Access.of(GET, "/api/communities/{communityId}/agreements", Scope.COMMUNITY, COORDINATOR, OPERATOR),
                Access.of(GET, "/api/households/{id}/service-circle", Scope.HOUSEHOLD, COORDINATOR, OPERATOR),
                Access.of(POST, "/api/communities/{communityId}/imports/volunteers", Scope.COMMUNITY, COORDINATOR),
                Access.of(POST, "/api/communities/{communityId}/imports/merchants", Scope.COMMUNITY, COORDINATOR),
                Access.of(GET, "/api/imports/{id}", Scope.IMPORT, COORDINATOR),
                Access.of(GET, "/api/communities/{id}/hsds", Scope.COMMUNITY, COORDINATOR, OPERATOR),
                Access.of(GET, "/api/communities/{communityId}/volunteers", Scope.COMMUNITY, COORDINATOR, OPERATOR),
                Access.of(GET, "/api/volunteers/{id}", Scope.VOLUNTEER, COORDINATOR, OPERATOR, VOLUNTEER),
                Access.of(PUT, "/api/volunteers/{id}/duty", Scope.VOLUNTEER, COORDINATOR, VOLUNTEER),

                Access.of(POST, "/api/needs", Scope.BODY, COORDINATOR, OPERATOR).gridInBody()
                        .note("the body's household"),
                Access.of(GET, "/api/needs/{id}", Scope.NEED, COORDINATOR, OPERATOR, VOLUNTEER),
                Access.of(GET, "/api/needs/{id}/history", Scope.NEED, COORDINATOR, OPERATOR),
                Access.of(GET, "/api/communities/{communityId}/needs", Scope.COMMUNITY, COORDINATOR, OPERATOR)
                        .filteredByGrid(),
                // staff record what the volunteer reported by phone, naming them (the history shows both)
                Access.of(POST, "/api/needs/{id}/arrival", Scope.NEED, COORDINATOR, OPERATOR, VOLUNTEER)
                        .note("staff name the volunteer they act for"),
                Access.of(POST, "/api/needs/{id}/completion", Scope.NEED, COORDINATOR, OPERATOR, VOLUNTEER)
                        .note("staff name the volunteer they act for"),
                Access.of(POST, "/api/needs/{id}/giveback", Scope.NEED, VOLUNTEER)
                        .note("only the volunteer holding the job, before arriving"),
                Access.of(POST, "/api/needs/{id}/feedback", Scope.NEED, COORDINATOR, OPERATOR),
                Access.of(POST, "/api/needs/{id}/cancellation", Scope.NEED, COORDINATOR, OPERATOR),
                Access.of(POST, "/api/needs/{id}/handover", Scope.NEED, COORDINATOR, OPERATOR)
                        .note("an operator only their own needs; to an operator or coordinator of the need's community"),

                // a coordinator's hands (the ladder's people): grid leaders act on needs of their grids
                Access.of(POST, "/api/needs/{id}/assignment", Scope.NEED, COORDINATOR)
                        .note("offer, or assign directly when the volunteer agreed on the phone"),
                Access.of(POST, "/api/needs/{id}/rematch", Scope.NEED, COORDINATOR),
                Access.of(POST, "/api/needs/{id}/broadcast", Scope.NEED, COORDINATOR)
                        .note("offers to every available member of a team of the need's community"),
                Access.of(POST, "/api/needs/{id}/department", Scope.NEED, COORDINATOR)
                        .note("a department serving the need's community"),
                Access.of(POST, "/api/needs/{id}/department-answer", Scope.NEED, COORDINATOR),
                Access.of(GET, "/api/communities/{communityId}/queue", Scope.COMMUNITY, COORDINATOR).filteredByGrid()
                        .note("the coordinator's queue: open needs with names, age against target and ladder"),
                Access.of(GET, "/api/communities/{communityId}/queue/stream", Scope.COMMUNITY, COORDINATOR)
                        .note("server-sent events: which need changed, nothing more"),
                Access.of(GET, "/api/communities/{communityId}/queue/map", Scope.COMMUNITY, COORDINATOR).filteredByGrid(),
                Access.of(GET, "/api/communities/{communityId}/ladder", Scope.COMMUNITY, COORDINATOR, OPERATOR),
                Access.of(PUT, "/api/communities/{communityId}/ladder/timers", Scope.COMMUNITY, COORDINATOR),
                Access.of(GET, "/api/communities/{communityId}/departments", Scope.COMMUNITY, COORDINATOR, OPERATOR),
                Access.of(POST, "/api/communities/{communityId}/departments", Scope.COMMUNITY, COORDINATOR)
                        .note("street-wide ones too, for the community's street"),

                Access.of(POST, "/api/calls", Scope.BODY, COORDINATOR, OPERATOR).gridInBody()
                        .note("the body's household"),
                Access.of(GET, "/api/communities/{communityId}/needs/overdue", Scope.COMMUNITY, COORDINATOR, OPERATOR)
                        .filteredByGrid(),
                Access.of(GET, "/api/operators/{name}/needs", Scope.USERNAME, OPERATOR),
                Access.of(GET, "/api/communities/{communityId}/service-targets", Scope.COMMUNITY, COORDINATOR, OPERATOR),
                Access.of(PUT, "/api/communities/{communityId}/service-targets/{category}", Scope.COMMUNITY, COORDINATOR),

                // a micro-wish is its household's (grid checked by the service); a project the whole community's
                Access.of(POST, "/api/communities/{communityId}/wishes", Scope.COMMUNITY, COORDINATOR).gridInBody(),
                Access.of(GET, "/api/communities/{communityId}/wishes", Scope.COMMUNITY, COORDINATOR, OPERATOR)
                        .filteredByGrid(),
                Access.of(GET, "/api/wishes/{id}", Scope.WISH, COORDINATOR, OPERATOR, VOLUNTEER),
                Access.of(GET, "/api/wishes/{id}/history", Scope.WISH, COORDINATOR, OPERATOR),
                Access.of(POST, "/api/wishes/{id}/claim", Scope.WISH, COORDINATOR, VOLUNTEER),
                Access.of(POST, "/api/wishes/{id}/fulfilment", Scope.WISH, COORDINATOR, VOLUNTEER),

                Access.of(GET, "/api/volunteers/{volunteerId}/offers", Scope.VOLUNTEER, COORDINATOR, VOLUNTEER),
                Access.of(POST, "/api/offers/{id}/accept", Scope.OFFER, VOLUNTEER),
                Access.of(POST, "/api/offers/{id}/decline", Scope.OFFER, VOLUNTEER),
                Access.of(GET, "/api/volunteers/{volunteerId}/jobs/{needId}", Scope.VOLUNTEER, VOLUNTEER),

                // closing the loop: complaints, the three rates, volunteer hours, one-to-one pairing
                Access.of(GET, "/api/communities/{communityId}/complaints", Scope.COMMUNITY, COORDINATOR, OPERATOR)
                        .filteredByGrid(),
                Access.of(POST, "/api/complaints/{id}/resolution", Scope.ROLE_ONLY, COORDINATOR)
                        .note("the service checks the complaint's household is in the caller's communities and grids"),
                Access.of(GET, "/api/rates", Scope.ROLE_ONLY, COORDINATOR)
                        .note("over the communities the caller serves; a grid leader's only of their grids"),
                Access.of(POST, "/api/needs/{id}/hours-confirmation", Scope.NEED, COORDINATOR),
                Access.of(GET, "/api/volunteers/{id}/hours", Scope.VOLUNTEER, COORDINATOR, VOLUNTEER),
                Access.of(GET, "/api/communities/{communityId}/volunteer-hours/export", Scope.COMMUNITY, COORDINATOR)
                        .note("holds volunteers' phones: audited; the whole community's office only"),
                Access.of(POST, "/api/communities/{communityId}/pairings", Scope.COMMUNITY, COORDINATOR)
                        .note("one-to-one pairing (一帮一): the household must be in the community"),
                Access.of(GET, "/api/communities/{communityId}/pairings", Scope.COMMUNITY, COORDINATOR, OPERATOR)
                        .filteredByGrid(),

                Access.of(GET, "/api/sms", Scope.ROLE_ONLY, ADMIN),
                Access.of(GET, "/api/communities/{communityId}/sms-replies", Scope.COMMUNITY, COORDINATOR, OPERATOR)
                        .note("volunteers' free-text SMS replies, word for word"),
                // the notifier's narrow door to phone numbers (never on Kafka); each read is audited
                Access.of(GET, "/api/service/volunteers/{volunteerId}/contact", Scope.ROLE_ONLY, SERVICE)
                        .note("one volunteer's name and full number, for one SMS; audited"),
                Access.of(GET, "/api/service/names", Scope.ROLE_ONLY, SERVICE)
                        .note("names for staff notices (a need's household and category, a volunteer, a household): no contacts"),
                Access.of(GET, "/api/service/accounts/{username}/contact", Scope.ROLE_ONLY, SERVICE)
                        .note("one staff account's name and number, for one SMS at the top of the ladder; audited"),
                Access.of(POST, "/api/service/sms-replies", Scope.ROLE_ONLY, SERVICE)
                        .note("an SMS reply, acted on as the volunteer the number belongs to"),
                Access.of(POST, "/api/service/needs/{needId}/resident-notices", Scope.ROLE_ONLY, SERVICE)
                        .note("what to tell the household, by SMS or as a call-back task"),
                Access.of(POST, "/api/service/needs/{needId}/callbacks", Scope.ROLE_ONLY, SERVICE)
                        .note("an SMS notice that could not be delivered becomes a call-back task"),
                Access.of(GET, "/api/service/households/{householdId}/sms-contact", Scope.ROLE_ONLY, SERVICE)
                        .note("the household's mobile for one SMS notice; audited"),
                Access.of(GET, "/api/service/streets/{streetId}/communities", Scope.ROLE_ONLY, SERVICE)
                        .note("the communities of a street: the notifier scopes street coordinators' notices and logs"),
                Access.of(PUT, "/api/households/{id}/sms-notices", Scope.HOUSEHOLD, COORDINATOR, OPERATOR)
                        .note("the household says yes or no to SMS notices"),
                Access.of(GET, "/api/callbacks", Scope.ROLE_ONLY, COORDINATOR, OPERATOR)
                        .note("mine=true: the caller's own call-back tasks; else those of the communities they serve"),
                Access.of(POST, "/api/callbacks/{id}/close", Scope.ROLE_ONLY, COORDINATOR, OPERATOR)
                        .note("the task's owner, or a coordinator of its community"));
    }
}
