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

/** The first admin of an empty installation, from ONECALL_ADMIN_PASSWORD; nothing is created without it. */
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
        if (accounts.any()) {
            return;
        }
        if (adminPassword == null || adminPassword.isBlank()) {
            if (demo) {
                return; // the demo community is about to create its accounts (admin included)
            }
            LOG.warn("no accounts yet: set ONECALL_ADMIN_PASSWORD to create the first admin");
            return;
        }
        accounts.create(NewAccount.of("admin", "管理员 Administrator", Role.ADMIN, List.of(), null, null, adminPassword));
        LOG.info("created the first admin account 'admin'");
    }
}
