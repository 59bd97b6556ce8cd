package org.onecall.kafka.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/** Makes the broker's ACLs for each account equal the account's, and waits until the broker enforces them. */
final class Acls {

    static void sync(Admin admin, BrokerSecurity security, Duration timeout) {
        Set<AclBinding> wanted = new HashSet<>();
        List<AclBindingFilter> stale = new ArrayList<>();
        for (BrokerSecurity.Account account : security.accounts()) {
            wanted.addAll(account.acls());
        }
        // an account's grant that is no longer in its list (a topic it stopped reading) goes
        for (AclBinding existing : describe(admin, principals(security))) {
            if (!wanted.contains(existing)) {
                stale.add(existing.toFilter());
            }
        }
        try {
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
            }
            admin.createAcls(wanted).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not set the ACLs", e);
        }
        // the controller has them; the broker's authorizer learns them from the metadata log a moment later
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<AclBinding> enforced = new HashSet<>(describe(admin, principals(security)));
            if (enforced.equals(wanted)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker enforces " + enforced + " instead of " + wanted);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for ACLs", e);
            }
        }
    }

    private static Set<String> principals(BrokerSecurity security) {
        Set<String> principals = new HashSet<>();
        security.accounts().forEach(a -> principals.add(BrokerSecurity.principal(a.name())));
        return principals;
    }

    private static Collection<AclBinding> describe(Admin admin, Set<String> principals) {
        List<AclBinding> found = new ArrayList<>();
        try {
            for (AclBinding binding : admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)) {
                if (principals.contains(binding.entry().principal())) {
                    found.add(binding);
                }
            }
            return found;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the ACLs", e);
        }
    }

    private Acls() {
    }
}
