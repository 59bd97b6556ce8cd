package org.onecall.dispatch.account;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import java.util.List;
import org.onecall.kit.security.Phones;

/** Admins manage accounts. Password hashes never leave the service. */
@Controller("/api/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class AccountController {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
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
}
