package org.onecall.dispatch.account;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import org.onecall.kit.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first admin, from ONECALL_ADMIN_PASSWORD, when there is no admin yet; nothing is created without it. The
 * demo community leaves its "admin" to this when the password is set, so whichever starts first, the admin
 * signs in with ONECALL_ADMIN_PASSWORD (it once depended on the order of the two start-up listeners).
 */
@Singleton
class AccountBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AccountBootstrap.class);
    private final Accounts accounts;
    private final String adminPassword;
    private final boolean demo;

    AccountBootstrap(Accounts accounts, @Nullable @Value("${onecall.security.admin-password:}") String adminPassword,
                     @Value("${onecall.demo.enabled:false}") boolean demo) {
        this.accounts = accounts;
        this.adminPassword = adminPassword;
        this.demo = demo;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (adminPassword == null || adminPassword.isBlank()) {
            if (!demo && !accounts.any()) {
                // the demo, when on, creates its own accounts (admin included)
                LOG.warn("no accounts yet: set ONECALL_ADMIN_PASSWORD to create the first admin");
            }
            return;
        }
        if (accounts.anyAdmin()) {
            return;
        }
        accounts.create(NewAccount.of("admin", "管理员 Administrator", Role.ADMIN, List.of(), null, null, adminPassword));
        LOG.info("created the first admin account 'admin'");
    }
}
