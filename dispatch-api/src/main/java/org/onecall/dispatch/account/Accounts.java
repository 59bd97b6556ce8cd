package org.onecall.dispatch.account;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.onecall.dispatch.audit.Audit;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.community.StreetRepository;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.dispatch.team.Teams;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.kit.Refusal;
import org.onecall.kit.security.Caller;
import org.onecall.kit.security.Role;

/** Accounts, password sign-in throttled per address (never locked), and volunteers' accounts made on their first SMS sign-in. */
@Singleton
public class Accounts {

    private final AccountRepository accounts;
    private final CommunityRepository communities;
    private final StreetRepository streets;
    private final Teams teams;
    private final PasswordHasher hasher;
    private final Volunteers volunteers;
    private final Audit audit;
    private final Outbox outbox;
    private final Clock clock;
    private final SignInThrottle throttle;

    Accounts(AccountRepository accounts, CommunityRepository communities, StreetRepository streets, Teams teams,
             PasswordHasher hasher, Volunteers volunteers, Audit audit, Outbox outbox, Clock clock,
             SignInThrottle throttle) {
        this.accounts = accounts;
        this.communities = communities;
        this.streets = streets;
        this.teams = teams;
        this.hasher = hasher;
        this.volunteers = volunteers;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.throttle = throttle;
    }

    @Transactional
    public Account create(NewAccount r) {
        if (accounts.findByUsername(r.username()).isPresent()) {
            throw Refusal.conflict("username " + r.username() + " is taken");
        }
        if (r.role() == Role.VOLUNTEER && r.volunteerId() == null) {
            throw Refusal.invalid("volunteerId", "a volunteer account must name the volunteer");
        }
        String street = street(r.street());
        List<String> communityIds = stripped(r.communityList());
        List<String> gridCodes = stripped(r.gridList());
        checkScope(r.role(), communityIds, street, gridCodes);
        return accounts.save(new Account(null, r.username(), r.displayName(), r.role(), String.join(",", communityIds),
                street, String.join(",", gridCodes), r.volunteerId(), r.phone() == null ? null : digits(r.phone()),
                r.password() == null ? null : hasher.hash(r.password()), 0, null, true, clock.instant(), null));
    }

    /**
     * Changes an account's name, phone, role and scope. Role and scope travel in the account's tokens,
     * so a change to either revokes every token issued so far (as a switch-off does): the person signs
     * in again and gets a token that says what is true now. A volunteer's account stays a volunteer's,
     * and nobody changes their own role.
     */
    /**
     * Sets (or with null clears) a staff account's own mobile, where urgent escalations are texted. A volunteer's
     * number is their volunteer record's, which they sign in with: not changed here. 404 unknown, 422 a volunteer.
     */
    @Transactional
    Account setPhone(String actor, String username, @io.micronaut.core.annotation.Nullable String phone) {
        Account a = accounts.findByUsername(username).orElseThrow(() -> Refusal.notFound("account", username));
        if (a.role() == Role.VOLUNTEER) {
            throw Refusal.unprocessable("phone", "a volunteer's number is on their volunteer record and is what they"
                    + " sign in with; change it there");
        }
        Account wanted = a.withPhone(phone == null || phone.isBlank() ? null : digits(phone));
        accounts.update(wanted);
        audit.record(actor, "ACCOUNT_PHONE_SET", "account:" + a.id(), "username " + username + "; phone "
                + (wanted.phone() == null ? "cleared" : "set to " + org.onecall.kit.security.Phones.mask(wanted.phone())));
        return wanted;
    }

    @Transactional
    Account change(String actor, String username, AccountChange r) {
        Account a = accounts.findByUsername(username).orElseThrow(() -> Refusal.notFound("account", username));
        if (r.role() != a.role() && (r.role() == Role.VOLUNTEER || a.role() == Role.VOLUNTEER)) {
            throw Refusal.unprocessable("role", "a volunteer's account signs in as that volunteer and stays a "
                    + "volunteer's; make a new account for the other role");
        }
        if (r.role() != a.role() && username.equals(actor)) {
            throw Refusal.conflict("role", "you cannot change your own role; another admin must do it");
        }
        String street = street(r.street());
        List<String> communityIds = stripped(r.communities() == null ? List.of() : r.communities());
        List<String> gridCodes = stripped(r.grids() == null ? List.of() : r.grids());
        checkScope(r.role(), communityIds, street, gridCodes);
        Account wanted = new Account(a.id(), a.username(), r.displayName(), r.role(), String.join(",", communityIds),
                street, String.join(",", gridCodes), a.volunteerId(), r.phone() == null ? null : digits(r.phone()),
                a.passwordHash(), a.failedLogins(), a.lockedUntil(), a.active(), a.createdAt(), a.tokensValidAfter());
        boolean scopeChanged = !wanted.caller().equals(a.caller());
        if (scopeChanged) {
            wanted = wanted.withTokensValidAfter(nextSecond());
        }
        accounts.update(wanted);
        if (scopeChanged) {
            published(wanted);
        }
        audit.record(actor, "ACCOUNT_CHANGED", "account:" + a.id(), "username " + username + "; "
                + describe(a, wanted) + (scopeChanged ? "; tokens issued before " + wanted.tokensValidAfter()
                + " revoked" : ""));
        return wanted;
    }

    /**
     * An admin sets a new password, e.g. for someone who forgot theirs: every token issued so far is
     * revoked (whoever held the old password may hold one of them) and a lock is cleared.
     */
    @Transactional
    Account setPassword(String actor, String username, String password) {
        Account a = accounts.findByUsername(username).orElseThrow(() -> Refusal.notFound("account", username));
        Account wanted = a.withPassword(hasher.hash(password)).withTokensValidAfter(nextSecond());
        accounts.update(wanted);
        throttle.clear(username);
        published(wanted);
        audit.record(actor, "ACCOUNT_PASSWORD_SET", "account:" + a.id(), "username " + username
                + "; tokens issued before " + wanted.tokensValidAfter() + " revoked");
        return wanted;
    }

    /**
     * The signed-in person changes their own password, giving the current one. A wrong current
     * password counts as a failed sign-in (the same throttle), so a stolen session cannot guess it.
     * Tokens already issued stay valid: this is not a sign-out.
     */
    @Transactional(noRollbackFor = Refusal.class)
    void changeOwnPassword(String username, String current, String next, String address) {
        Account a = accounts.findByUsername(username).filter(Account::active)
                .orElseThrow(() -> Refusal.notFound("account", username));
        if (a.passwordHash() == null) {
            throw Refusal.conflict("currentPassword", "this account signs in with an SMS code and has no password");
        }
        throttle.check(username, address);
        if (!hasher.matches(current, a.passwordHash())) {
            recordFailure(a, address, "PASSWORD_CHANGE_FAILED");
            throw Refusal.invalid("currentPassword", "is not your current password");
        }
        if (current.equals(next)) {
            throw Refusal.invalid("newPassword", "is the same as the current password");
        }
        accounts.update(a.withPassword(hasher.hash(next)));
        audit.record(username, "PASSWORD_CHANGED", "account:" + a.id(), null);
    }

    /**
     * Counts a wrong password for the account from this address ({@link SignInThrottle}). The account's
     * {@code lockedUntil} only shows admins that some address is being held back; it refuses nobody.
     */
    private void recordFailure(Account a, String address, String failedAction) {
        Optional<Instant> until = throttle.failed(a.username(), address);
        accounts.recordFailures(a.id(), a.failedLogins() + 1, until.orElse(a.lockedUntil()));
        audit.record(a.username(), until.isEmpty() ? failedAction : "SIGN_IN_THROTTLED", "account:" + a.id(),
                "from " + address + until.map(u -> ", waits until " + u).orElse(""));
    }

    /** The next whole second: iat has whole seconds, so every token issued until now has an iat before it. */
    private Instant nextSecond() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    /** For the notifier, which accepts the same tokens and has no accounts table. */
    private void published(Account a) {
        outbox.accountState(a.accessState());
    }

    private static String describe(Account before, Account after) {
        List<String> changes = new java.util.ArrayList<>();
        if (!before.displayName().equals(after.displayName())) {
            changes.add("name " + before.displayName() + " -> " + after.displayName());
        }
        if (!java.util.Objects.equals(before.phone(), after.phone())) {
            changes.add("phone changed");
        }
        if (before.role() != after.role()) {
            changes.add("role " + before.role() + " -> " + after.role());
        }
        if (!before.communitySet().equals(after.communitySet())) {
            changes.add("communities " + before.communities() + " -> " + after.communities());
        }
        if (!java.util.Objects.equals(before.street(), after.street())) {
            changes.add("street " + before.street() + " -> " + after.street());
        }
        if (!before.gridSet().equals(after.gridSet())) {
            changes.add("grids " + before.grids() + " -> " + after.grids());
        }
        return changes.isEmpty() ? "nothing changed" : String.join(", ", changes);
    }

    private static String street(String street) {
        return street == null || street.isBlank() ? null : street.strip();
    }

    private static List<String> stripped(List<String> values) {
        return values.stream().map(String::strip).distinct().toList();
    }

    /**
     * Every community, the street and every grid must exist (422 naming the field otherwise), so an
     * account never holds a scope that silently matches nothing, or later matches something created
     * under that name by mistake. Grids narrow a coordinator of exactly one community.
     */
    private void checkScope(Role role, List<String> communityIds, String street, List<String> gridCodes) {
        boolean staff = role != Role.ADMIN && role != Role.SERVICE;
        if (staff && communityIds.isEmpty() && street == null) {
            throw Refusal.invalid("communities", "must serve at least one community, or a street");
        }
        for (int i = 0; i < communityIds.size(); i++) {
            if (!communities.existsById(communityIds.get(i))) {
                throw Refusal.unprocessable("communities[" + i + "]", "community " + communityIds.get(i)
                        + " does not exist");
            }
        }
        if (street != null) {
            if (role == Role.VOLUNTEER || !staff) {
                throw Refusal.unprocessable("street", "only coordinators and operators serve a street");
            }
            if (!streets.existsById(street)) {
                throw Refusal.unprocessable("street", "street " + street + " does not exist");
            }
        }
        if (gridCodes.isEmpty()) {
            return;
        }
        if (role != Role.COORDINATOR) {
            throw Refusal.unprocessable("grids", "only a coordinator (grid leader, 网格长) is limited to grids");
        }
        if (communityIds.size() != 1 || street != null) {
            throw Refusal.unprocessable("grids", "a grid leader serves grids of exactly one community:"
                    + " name that one community and no street");
        }
        for (int i = 0; i < gridCodes.size(); i++) {
            if (!teams.gridExists(communityIds.get(0), gridCodes.get(i))) {
                throw Refusal.unprocessable("grids[" + i + "]", "community " + communityIds.get(0) + " has no grid "
                        + gridCodes.get(i) + " (POST /api/communities/" + communityIds.get(0) + "/grids)");
            }
        }
    }

    /** A staff account as the ladder names it: who to tell, by username, and what to call them. */
    public record Staff(String username, String displayName) {
    }

    /**
     * Active coordinators at one level of the street → community → grid ladder: {@code grid} non-null:
     * those limited to that grid of the community (grid leaders); {@code street} non-null: those of the
     * whole street; otherwise those of the whole community (not limited to grids).
     */
    public List<Staff> coordinators(String communityId, String grid, String street) {
        return accounts.findAllOrderByUsername().stream()
                .filter(a -> a.active() && a.role() == Role.COORDINATOR)
                .filter(a -> street != null ? street.equals(a.street())
                        : a.communitySet().contains(communityId)
                        && (grid != null ? a.gridSet().contains(grid) : a.gridSet().isEmpty()))
                .map(a -> new Staff(a.username(), a.displayName())).toList();
    }

    /** A staff account's name and number, for one SMS at the top of the escalation ladder. */
    public record Contact(String username, String displayName, @io.micronaut.core.annotation.Nullable String phone) {
    }

    /** Empty for an unknown username; the phone is null when the account has none or is switched off. */
    public Optional<Contact> contact(String username) {
        return accounts.findByUsername(username).filter(a -> a.role() != Role.VOLUNTEER)
                .map(a -> new Contact(a.username(), a.displayName(), a.active() ? a.phone() : null));
    }

    /** What the signed-in person is shown of their own account: their name, and their phone masked. */
    public record Profile(String displayName, @io.micronaut.core.annotation.Nullable String phoneMasked) {
    }

    public Optional<Profile> profile(String username) {
        return accounts.findByUsername(username).map(a -> new Profile(a.displayName(),
                a.phone() == null ? null : org.onecall.kit.security.Phones.mask(a.phone())));
    }

    /** Display names by username, for showing people names instead of usernames; unknown ones are left out. */
    public java.util.Map<String, String> displayNames(java.util.Collection<String> usernames) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (String u : new java.util.HashSet<>(usernames)) {
            accounts.findByUsername(u).ifPresent(a -> names.put(u, a.displayName()));
        }
        return names;
    }

    /** The scope of an active operator's or coordinator's account: who may own a need (首问负责). */
    public Optional<Caller> activeStaff(String username) {
        return accounts.findByUsername(username).filter(Account::active)
                .filter(a -> a.role() == Role.OPERATOR || a.role() == Role.COORDINATOR).map(Account::caller);
    }

    public boolean exists(String username) {
        return accounts.findByUsername(username).isPresent();
    }

    public boolean any() {
        return accounts.count() > 0;
    }

    boolean anyAdmin() {
        return accounts.existsByRole(Role.ADMIN);
    }

    List<Account> all() {
        return accounts.findAllOrderByUsername();
    }

    /**
     * Checks a password. Wrong or unknown credentials answer the same 401 (no hint which); after
     * {@code maxFailures} wrong passwords the account is locked for {@code lockout}, even for the
     * right password, and says until when.
     */
    @Transactional(noRollbackFor = Refusal.class)
    Account authenticate(String username, String password, String address) {
        throttle.check(username, address);
        Optional<Account> found = accounts.findByUsername(username).filter(Account::active);
        if (found.isEmpty()) {
            hasher.hash(password); // same cost as a real check: timing does not tell which usernames exist
            throttle.failed(username, address); // and the same throttle: 429s do not tell either
            throw Refusal.unauthorized("wrong username or password");
        }
        Account a = found.get();
        if (!hasher.matches(password, a.passwordHash())) {
            recordFailure(a, address, "LOGIN_FAILED");
            throw Refusal.unauthorized("wrong username or password");
        }
        throttle.succeeded(username, address);
        return a;
    }

    /**
     * The volunteer's account for this phone, made on first sign-in from the volunteer list; empty
     * when that account is switched off (it is not made again: the admin's decision stands).
     */
    @Transactional
    Optional<Account> volunteerByPhone(String phone) {
        String digits = digits(phone);
        Optional<Account> existing = accounts.findByPhone(digits).stream()
                .filter(a -> a.role() == Role.VOLUNTEER).min(java.util.Comparator.comparing(a -> !a.active()));
        if (existing.isPresent()) {
            return existing.filter(Account::active);
        }
        Optional<Volunteer> volunteer = volunteers.findByPhone(digits);
        Optional<Account> byName = volunteer.flatMap(v -> accounts.findByUsername("volunteer-" + v.id()));
        if (byName.isPresent()) {
            // the volunteer's phone changed since their account was made: still the same person
            return byName.filter(Account::active);
        }
        return volunteer.map(v -> accounts.save(new Account(null, "volunteer-" + v.id(), v.name(), Role.VOLUNTEER,
                v.communityId(), null, "", v.id(), digits, null, 0, null, true, clock.instant(), null)));
    }

    /**
     * Switches an account off or on. Off also revokes every token issued so far: tokens whose iat is
     * before {@code tokensValidAfter} are refused (kit's {@code RevokedTokens}, here and, through the
     * accounts topic, in the notifier); switching on again keeps
     * that, so a token from before stays dead and the person signs in anew. An admin cannot switch
     * themself off: another admin must, so an installation is never left with nobody able to act.
     */
    @Transactional
    Account setActive(String actor, String username, boolean active) {
        Account a = accounts.findByUsername(username).orElseThrow(() -> Refusal.notFound("account", username));
        if (!active && username.equals(actor)) {
            throw Refusal.conflict("active", "you cannot switch off your own account; another admin must do it");
        }
        Instant validAfter = active ? a.tokensValidAfter() : nextSecond();
        accounts.switchActive(a.id(), active, validAfter);
        Account switched = accounts.findById(a.id()).orElseThrow();
        published(switched);
        audit.record(actor, active ? "ACCOUNT_SWITCHED_ON" : "ACCOUNT_SWITCHED_OFF", "account:" + a.id(),
                active ? "username " + username : "username " + username + "; tokens issued before " + validAfter
                        + " revoked");
        return switched;
    }

    /** Clears the failed sign-ins and the lock they set, e.g. after the person called to say it was them. */
    @Transactional
    Account unlock(String actor, String username) {
        Account a = accounts.findByUsername(username).orElseThrow(() -> Refusal.notFound("account", username));
        accounts.recordFailures(a.id(), 0, null);
        throttle.clear(username);
        audit.record(actor, "ACCOUNT_UNLOCKED", "account:" + a.id(), "username " + username + "; was "
                + (a.lockedUntil() == null ? "not locked, " : "locked until " + a.lockedUntil() + ", ")
                + a.failedLogins() + " failed sign-ins");
        return accounts.findById(a.id()).orElseThrow();
    }

    static String digits(String phone) {
        String d = phone.replaceAll("[^0-9]", "");
        return d.startsWith("86") && d.length() == 13 ? d.substring(2) : d;
    }
}
