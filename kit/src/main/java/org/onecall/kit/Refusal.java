package org.onecall.kit;

/**
 * A request the service understood but will not carry out. It says what kind of refusal it is, in
 * the domain's words; {@link RefusalHandler} is the one place a kind becomes an HTTP status, so
 * services use no HTTP types.
 */
public class Refusal extends RuntimeException {

    /** Why the request is refused. */
    public enum Kind { NOT_FOUND, FORBIDDEN, TOO_MANY, UNAUTHORIZED, CONFLICT, INVALID, UNPROCESSABLE }

    private final Kind kind;
    private final String field;

    private Refusal(Kind kind, String field, String reason) {
        super(reason);
        this.kind = kind;
        this.field = field;
    }

    public static Refusal notFound(String what, Object id) {
        return new Refusal(Kind.NOT_FOUND, null, what + " " + id + " does not exist");
    }

    /** Signed in, but not allowed to do this (outside their community, someone else's job). */
    public static Refusal forbidden(String reason) {
        return new Refusal(Kind.FORBIDDEN, null, reason);
    }

    /** Too many attempts; the caller should wait. */
    public static Refusal tooMany(String reason) {
        return new Refusal(Kind.TOO_MANY, null, reason);
    }

    /** Credentials that do not identify anyone: deliberately vague. */
    public static Refusal unauthorized(String reason) {
        return new Refusal(Kind.UNAUTHORIZED, null, reason);
    }

    /** The state of the world does not allow it (e.g. accepting an offer on a cancelled need). */
    public static Refusal conflict(String reason) {
        return new Refusal(Kind.CONFLICT, null, reason);
    }

    /** The value of {@code field} is already taken (a phone registered twice); names the field. */
    public static Refusal conflict(String field, String reason) {
        return new Refusal(Kind.CONFLICT, field, reason);
    }

    /** Input that passed the shape checks but fails a rule; names the field. */
    public static Refusal invalid(String field, String reason) {
        return new Refusal(Kind.INVALID, field, reason);
    }

    /** Well-formed but cannot be processed as asked, e.g. an Idempotency-Key reused for a different request. */
    public static Refusal unprocessable(String field, String reason) {
        return new Refusal(Kind.UNPROCESSABLE, field, reason);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
