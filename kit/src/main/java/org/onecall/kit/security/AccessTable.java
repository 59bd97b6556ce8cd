package org.onecall.kit.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The endpoint list in {@code docs/access.md}, written from the access policies themselves: one
 * section per service, each kept up to date by a test of that service ({@link #verify}), so the
 * document cannot drift from the code that decides.
 */
public final class AccessTable {

    /** Set to true to rewrite the sections instead of failing on a difference. */
    public static final String WRITE_PROPERTY = "onecall.access-doc.write";
    public static final String REGENERATE = "./mvnw -B -ntp -pl dispatch-api,notifier -am test -Dtest='AccessDocTest'"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE_PROPERTY + "=true";

    private static final String HEADER = """
            # Who may call what (谁可以调用哪些接口)

            Generated from the services' access policies (`DispatchAccessPolicy`, `NotifierAccessPolicy`, kit's
            `KitAccessPolicy`); do not edit by hand. A test of each service fails when its section is out of date;
            regenerate with:

            ```bash
            %s
            ```

            How to read it:
            - **ADMIN** may call every route, in every community. A route missing from a policy is refused to everyone.
            - Staff scope is a ladder: an account serves the communities it is given by name, and/or every community of
              its **street** (街道; resolved on each request, so a community put on the street later is served at once);
              a **grid leader** (网格长: a COORDINATOR limited to some grids of one community) sees only households of
              those grids and their needs and micro-wishes. Community-wide resources (volunteers, teams, merchants,
              projects, settings) stay readable to grid leaders, who dispatch across grids, but are changed only by
              staff of the whole community.
            - A **VOLUNTEER** sees only offers made to them and jobs they hold (plus the micro-wishes of their
              community, to claim them).
            - Public routes are rate limited per address: sign-in routes by `onecall.security.auth-requests-per-minute`
              (default 20), partners' signed callbacks (SMS receipts and replies, the phone system's calls) by
              `onecall.security.callback-requests-per-minute` (default 6000: a provider sends a burst of receipts
              after a broadcast), every other public route by `onecall.security.public-requests-per-minute`
              (default 120); beyond it: 429 problem+json with `Retry-After`.
            - Refusals are problem+json: 401 without credentials, 403 outside the caller's role or scope.
            """.formatted(REGENERATE);

    /** The routes every service has (kit's own policy). */
    public static List<Access> kitRules() {
        return new KitAccessPolicy().rules();
    }

    /** The markdown section of one service. */
    public static String section(String service, String policy, List<Access> rules) {
        StringBuilder s = new StringBuilder();
        s.append(begin(service)).append('\n');
        s.append("## ").append(service).append("\n\n");
        s.append("From `").append(policy).append("`.\n\n");
        s.append("| method | path | who | scope | grid leader (网格长) |\n");
        s.append("|---|---|---|---|---|\n");
        for (Access a : rules) {
            s.append("| ").append(a.method()).append(" | `").append(a.template()).append("` | ")
                    .append(who(a)).append(" | ").append(scope(a)).append(" | ").append(gridLeader(a)).append(" |\n");
        }
        s.append(end(service)).append('\n');
        return s.toString();
    }

    /**
     * Checks that {@code doc} holds this service's section as the policy says, or rewrites it when
     * the {@value #WRITE_PROPERTY} system property is true.
     */
    public static void verify(Path doc, String service, String policy, List<Access> rules) {
        String wanted = section(service, policy, rules);
        String text = read(doc);
        String current = text == null ? null : sectionIn(text, service);
        if (wanted.equals(current) && text.startsWith(HEADER)) {
            return;
        }
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            write(doc, replace(text, service, wanted));
            return;
        }
        throw new AssertionError(doc.toAbsolutePath().normalize() + " is out of date for " + service
                + " (missing, or the access policy changed). Regenerate it with:\n  " + REGENERATE);
    }

    static String who(Access a) {
        if (a.scope() == Scope.PUBLIC) {
            return "anyone";
        }
        if (a.roles().isEmpty() || a.roles().equals(java.util.EnumSet.of(Role.ADMIN))) {
            return "ADMIN only";
        }
        return a.roles().stream().filter(r -> r != Role.ADMIN).map(Role::name).collect(Collectors.joining(", "))
                + ", ADMIN";
    }

    static String scope(Access a) {
        String v = a.variable() == null ? "" : " `{" + a.variable() + "}`";
        boolean staff = a.roles().contains(Role.COORDINATOR) || a.roles().contains(Role.OPERATOR);
        boolean volunteers = a.roles().contains(Role.VOLUNTEER);
        String words = switch (a.scope()) {
            case PUBLIC -> "public; " + switch (a.budget() == null ? Access.RateBudget.PUBLIC : a.budget()) {
                case SIGN_IN -> "sign-in";
                case PUBLIC -> "public";
                case CALLBACK -> "signed-callback";
            } + " rate budget per address";
            case ROLE_ONLY -> "the role is enough (not tied to one community)";
            case COMMUNITY -> "community" + v + ": staff of that community or of its street";
            case NEED -> "need" + v + ": " + join(staff ? "staff of its community or street" : null,
                    volunteers ? "a volunteer who holds it or was offered it" : null);
            case HOUSEHOLD -> "household" + v + ": staff of its community or street";
            case VOLUNTEER -> "volunteer" + v + ": " + join(volunteers ? "that volunteer" : null,
                    staff ? "staff of their community or street" : null);
            case OFFER -> "offer" + v + ": " + join(volunteers ? "the volunteer it was made to" : null,
                    staff ? "staff of the need's community or street" : null);
            case WISH -> "micro-wish or project" + v + ": " + join(staff ? "staff of its community or street" : null,
                    volunteers ? "volunteers of that community" : null);
            case TEAM -> "team" + v + ": staff of its community or street";
            case MERCHANT -> "merchant or partner unit" + v + ": staff of its community or street";
            case IMPORT -> "import job" + v + ": staff of its community or street";
            case USERNAME -> "only the user named" + v;
            case BODY -> "the request (body or query) names the household or community; the service checks the"
                    + " caller serves it";
        };
        return a.note() == null ? words : words + "; " + a.note();
    }

    private static String join(String first, String second) {
        return first == null ? (second == null ? "ADMIN only" : second) : second == null ? first : first + "; " + second;
    }

    static String gridLeader(Access a) {
        if (a.scope() == Scope.PUBLIC) {
            return "yes";
        }
        if (!a.roles().contains(Role.COORDINATOR) || a.scope() == Scope.USERNAME) {
            return "no (not a coordinator's route)";
        }
        if (a.grids() == Access.GridRule.FILTERED) {
            return "yes, only entries of their grids";
        }
        if (a.grids() == Access.GridRule.BODY) {
            return "only for a household of their grids";
        }
        boolean read = a.method() == io.micronaut.http.HttpMethod.GET;
        return switch (a.scope()) {
            case ROLE_ONLY -> "yes";
            case HOUSEHOLD, NEED, OFFER -> "only in their grids";
            case WISH -> read ? "micro-wishes of their grids; projects (community-wide)"
                    : "micro-wishes of their grids only";
            default -> read ? "yes (community-wide, read)" : "no (a community-wide change)";
        };
    }

    private static String begin(String service) {
        return "<!-- begin " + service + " -->";
    }

    private static String end(String service) {
        return "<!-- end " + service + " -->";
    }

    private static String sectionIn(String text, String service) {
        int from = text.indexOf(begin(service));
        int to = text.indexOf(end(service));
        if (from < 0 || to < from) {
            return null;
        }
        return text.substring(from, to + end(service).length()) + "\n";
    }

    private static String replace(String text, String service, String section) {
        if (text == null || !text.startsWith(HEADER)) {
            String rest = text == null ? "" : text.substring(text.indexOf("<!-- begin ") < 0 ? text.length()
                    : text.indexOf("<!-- begin "));
            text = HEADER + "\n" + rest;
        }
        int from = text.indexOf(begin(service));
        int to = text.indexOf(end(service));
        if (from < 0 || to < from) {
            return text.stripTrailing() + "\n\n" + section;
        }
        int after = to + end(service).length();
        if (after < text.length() && text.charAt(after) == '\n') {
            after++;
        }
        return text.substring(0, from) + section + text.substring(after);
    }

    private static String read(Path doc) {
        try {
            return Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path doc, String text) {
        try {
            Files.createDirectories(doc.toAbsolutePath().getParent());
            Files.writeString(doc, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AccessTable() {
    }
}
