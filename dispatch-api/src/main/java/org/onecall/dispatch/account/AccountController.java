package org.onecall.dispatch.account;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.onecall.kit.security.CurrentCaller;
import org.onecall.kit.security.Phones;

/** Admins manage accounts. Password hashes never leave the service. */
@Controller("/api/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class AccountController {

    private final Accounts accounts;
    private final Revocations revocations;
    private final CurrentCaller caller;

    AccountController(Accounts accounts, Revocations revocations, CurrentCaller caller) {
        this.accounts = accounts;
        this.revocations = revocations;
        this.caller = caller;
    }

    @io.micronaut.core.annotation.Introspected
    record ActiveSwitch(@NotNull Boolean active) {
    }

    @io.micronaut.core.annotation.Introspected
    record NewPassword(@NotBlank @Size(min = 10, max = 200, message = "must be 10 to 200 characters") String password) {
    }

    @io.micronaut.core.annotation.Introspected
    record AccountView(long id, String username, String displayName, String role, List<String> communities,
                       String street, List<String> grids, Long volunteerId, String phone, boolean locked,
                       boolean active) {
        static AccountView of(Account a) {
            return new AccountView(a.id(), a.username(), a.displayName(), a.role().name(),
                    a.communitySet().stream().sorted().toList(), a.street(), a.gridSet().stream().sorted().toList(),
                    a.volunteerId(), Phones.mask(a.phone()), a.lockedUntil() != null, a.active());
        }
    }

    @Post
    @Status(HttpStatus.CREATED)
    AccountView create(@Valid @Body NewAccount request) {
        return AccountView.of(accounts.create(request));
    }

    @Get
    List<AccountView> list() {
        return accounts.all().stream().map(AccountView::of).toList();
    }

    /**
     * Switches an account off (its tokens, every one issued until now, are refused from the next
     * request; sign-in is refused) or on again (sign-in works; the old tokens stay refused). 404 for
     * an unknown username; 409 for switching off one's own account.
     */
    @Put("/{username}/active")
    AccountView setActive(@PathVariable String username, @Valid @Body ActiveSwitch request) {
        Account a = accounts.setActive(caller.username(), username, request.active());
        // after the commit: a refresh reading before it would otherwise be taken for the newer state
        revocations.changed(a);
        return AccountView.of(a);
    }

    /**
     * Replaces the account's name, phone, role and scope. A change of role or scope revokes the
     * account's tokens (they carry both), so it applies from the person's next sign-in, at once.
     * 404 unknown; 422 a scope that does not exist or a volunteer's account given another role;
     * 409 one's own role.
     */
    @Put("/{username}")
    AccountView change(@PathVariable String username, @Valid @Body AccountChange request) {
        Account a = accounts.change(caller.username(), username, request);
        revocations.changed(a);
        return AccountView.of(a);
    }

    @Introspected
    record NewPhone(@Nullable @Pattern(regexp = "\\+?[0-9 ()-]{5,20}", message = "must be a phone number") String phone) {
    }

    /**
     * A staff account's own mobile, where the top of the escalation ladder is texted: the person sets it on
     * their account page, or an admin for them. Null or blank clears it. Audited.
     */
    @Put("/{name}/phone")
    AccountView setPhone(@PathVariable String name, @Valid @Body NewPhone request) {
        return AccountView.of(accounts.setPhone(caller.username(), name, request.phone()));
    }

    /** Sets a new password (a forgotten one): revokes the account's tokens and clears a lock. 404 unknown. */
    @Put("/{username}/password")
    AccountView setPassword(@PathVariable String username, @Valid @Body NewPassword request) {
        Account a = accounts.setPassword(caller.username(), username, request.password());
        revocations.changed(a);
        return AccountView.of(a);
    }

    /** Clears failed sign-ins and the lock they set. 404 for an unknown username. */
    @Post("/{username}/unlock")
    AccountView unlock(@PathVariable String username) {
        return AccountView.of(accounts.unlock(caller.username(), username));
    }
}
