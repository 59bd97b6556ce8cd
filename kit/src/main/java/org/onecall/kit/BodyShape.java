package org.onecall.kit;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.jackson.JacksonDeserializationPreInstantiateCallback;
import jakarta.inject.Singleton;

/**
 * Checks, while a body is read, that it had the request record's shape at all: JSON that is a
 * number, {@code true} or an array reaches the record's constructor with the wrong number of
 * arguments, which Micronaut's own callback reports as an IllegalArgumentException (a 500). This
 * refuses it as the caller's error. The fields themselves are validated right after, by
 * {@code @Valid @Body}, which names each field in the 400 (validating here too would bury the
 * field names inside a deserialisation error).
 */
@Singleton
@Replaces(bean = JacksonDeserializationPreInstantiateCallback.class)
class BodyShape implements JacksonDeserializationPreInstantiateCallback {

    @Override
    public void preInstantiate(BeanIntrospection<?> introspection, Object... arguments) {
        if (arguments.length != introspection.getConstructorArguments().length) {
            throw new NotAnObject(introspection.getBeanType().getSimpleName());
        }
    }

    /** The body was JSON, but not an object with the request's fields. */
    static final class NotAnObject extends RuntimeException {
        NotAnObject(String type) {
            super("the body must be a JSON object (" + type + ")");
        }
    }
}
