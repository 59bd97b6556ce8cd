package org.onecall.kit;

import io.micronaut.http.server.exceptions.response.Error;
import java.util.Optional;

/** One problem with one input field, as rendered in problem+json's {@code errors[]}. */
record FieldError(String field, String reason) implements Error {

    @Override
    public Optional<String> getPath() {
        return Optional.ofNullable(field);
    }

    @Override
    public String getMessage() {
        return reason;
    }
}
