package org.onecall.kit;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad input always answers 400 problem+json naming the field ({@code householdId},
 * {@code items[0].name}) and the reason in words, rather than the framework's method-argument paths
 * or Jackson's internals.
 */
final class InputErrorHandlers {

    private InputErrorHandlers() {
    }

    static HttpResponse<?> badRequest(ErrorResponseProcessor<?> processor, HttpRequest<?> request, Throwable cause,
                                      List<FieldError> errors) {
        ErrorContext.Builder ctx = ErrorContext.builder(request).cause(cause);
        ctx.errors(new ArrayList<>(errors));
        return processor.processResponse(ctx.build(), HttpResponse.badRequest());
    }

    @Produces
    @Singleton
    @Replaces(ConstraintExceptionHandler.class)
    static class Violations implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> processor;

        Violations(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException e) {
            List<FieldError> errors = e.getConstraintViolations().stream()
                    .map(v -> new FieldError(field(v), v.getMessage()))
                    .sorted(Comparator.comparing(FieldError::field))
                    .toList();
            return badRequest(processor, request, e, errors);
        }

        /** Drops the leading method and parameter nodes: the caller knows the body, not our method. */
        static String field(ConstraintViolation<?> v) {
            List<String> nodes = new ArrayList<>();
            for (Path.Node node : v.getPropertyPath()) {
                String name = node.getName();
                if (node.getIndex() != null && !nodes.isEmpty()) {
                    int last = nodes.size() - 1;
                    nodes.set(last, nodes.get(last) + "[" + node.getIndex() + "]");
                }
                if (name != null && !name.startsWith("<")) {
                    nodes.add(name);
                }
            }
            List<String> fieldNodes = nodes.size() > 2 ? nodes.subList(2, nodes.size()) : nodes.subList(
                    Math.min(1, nodes.size()), nodes.size());
            return fieldNodes.isEmpty() ? String.join(".", nodes) : String.join(".", fieldNodes);
        }
    }

    /**
     * A body that is valid JSON but not an object ({@code 5}, {@code true}, {@code [1,2]}): the
     * caller's mistake, not ours (see {@link BodyShape}).
     */
    @Produces
    @Singleton
    static class NotAnObject implements ExceptionHandler<BodyShape.NotAnObject, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> processor;

        NotAnObject(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, BodyShape.NotAnObject e) {
            return badRequest(processor, request, e, List.of(new FieldError("body",
                    "must be a JSON object with the request's fields")));
        }
    }

    @Produces
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    static class Conversions implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> processor;

        Conversions(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConversionErrorException e) {
            Throwable cause = e.getConversionError().getCause();
            if (cause instanceof JsonMappingException jm && !jm.getPath().isEmpty()) {
                return badRequest(processor, request, e, List.of(new FieldError(path(jm), reason(jm))));
            }
            return badRequest(processor, request, e,
                    List.of(new FieldError(e.getArgument().getName(), "cannot be read: " + firstLine(cause))));
        }

        static String path(JsonMappingException e) {
            StringBuilder sb = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }

        static String reason(JsonMappingException e) {
            if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
                return "must be one of " + Arrays.stream(f.getTargetType().getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", "));
            }
            if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
                return "must be " + describe(m.getTargetType());
            }
            return firstLine(e);
        }

        private static String describe(Class<?> type) {
            if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
                return "a number";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true or false";
            }
            if (type == String.class) {
                return "text";
            }
            if (java.util.Collection.class.isAssignableFrom(type)) {
                return "a list";
            }
            return "an object of the right shape";
        }

        private static String firstLine(Throwable t) {
            String m = t == null || t.getMessage() == null ? "invalid value" : t.getMessage();
            int cut = m.indexOf('\n');
            m = cut < 0 ? m : m.substring(0, cut);
            int at = m.indexOf(" at [Source");
            return at < 0 ? m : m.substring(0, at);
        }
    }
}
