package org.onecall.kit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Turns a {@link Refusal} into problem+json, through the same processor that renders framework errors. */
@Produces
@Singleton
@Requires(classes = {Refusal.class, ExceptionHandler.class})
class RefusalHandler implements ExceptionHandler<Refusal, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    RefusalHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, Refusal refusal) {
        ErrorContext.Builder ctx = ErrorContext.builder(request).cause(refusal);
        if (refusal.field() != null) {
            ctx.error(new io.micronaut.http.server.exceptions.response.Error() {
                @Override
                public String getMessage() {
                    return refusal.getMessage();
                }

                @Override
                public java.util.Optional<String> getPath() {
                    return java.util.Optional.of(refusal.field());
                }
            });
        } else {
            ctx.errorMessage(refusal.getMessage());
        }
        return errors.processResponse(ctx.build(), HttpResponse.status(status(refusal.kind())));
    }

    /** The one place a refusal's kind becomes an HTTP status. */
    static HttpStatus status(Refusal.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case TOO_MANY -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }
}
