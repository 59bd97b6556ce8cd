package org.onecall.kit;

import io.micronaut.http.HttpStatus;

/**
 * A request the service understood but will not carry out. Thrown from services only at the HTTP
 * edge's request; mapped to problem+json in {@link RefusalHandler}, the one place errors become HTTP.
 */
public class Refusal extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    private Refusal(HttpStatus status, String field, String reason) {
        super(reason);
        this.status = status;
        this.field = field;
    }

    public static Refusal notFound(String what, Object id) {
        return new Refusal(HttpStatus.NOT_FOUND, null, what + " " + id + " does not exist");
    }

    /** Signed in, but not allowed to do this (outside their community, someone else's job). */
    public static Refusal forbidden(String reason) {
        return new Refusal(HttpStatus.FORBIDDEN, null, reason);
    }

    /** Too many attempts; the caller should wait. */
    public static Refusal tooMany(String reason) {
        return new Refusal(HttpStatus.TOO_MANY_REQUESTS, null, reason);
    }

    /** Credentials that do not identify anyone: deliberately vague. */
    public static Refusal unauthorized(String reason) {
        return new Refusal(HttpStatus.UNAUTHORIZED, null, reason);
    }

    /** The state of the world does not allow it (e.g. accepting an offer on a cancelled need). */
    public static Refusal conflict(String reason) {
        return new Refusal(HttpStatus.CONFLICT, null, reason);
    }

    /** The value of {@code field} is already taken (a phone registered twice); names the field. */
    public static Refusal conflict(String field, String reason) {
        return new Refusal(HttpStatus.CONFLICT, field, reason);
    }

    /** Input that passed the shape checks but fails a rule; names the field. */
    public static Refusal invalid(String field, String reason) {
        return new Refusal(HttpStatus.BAD_REQUEST, field, reason);
    }

    /** Well-formed but cannot be processed as asked, e.g. an Idempotency-Key reused for a different request. */
    public static Refusal unprocessable(String field, String reason) {
        return new Refusal(HttpStatus.UNPROCESSABLE_ENTITY, field, reason);
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }
}
