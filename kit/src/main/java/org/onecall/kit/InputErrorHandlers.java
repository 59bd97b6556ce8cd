package org.onecall.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.server.exceptions.UnsatisfiedArgumentHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedRouteHandler;
import io.micronaut.web.router.UriRouteMatch;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.JacksonExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
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
import java.util.Comparator;
import java.util.List;

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
            if (e.getArgument().getAnnotationMetadata().hasAnnotation(Body.class)) {
                return badRequest(processor, request, e, List.of(JsonErrors.describeBody(cause)));
            }
            JsonProcessingException json = JsonErrors.find(cause);
            if (json != null) {
                return badRequest(processor, request, e, List.of(JsonErrors.describe(json)));
            }
            // a query or path value: ?status=BOGUS, ?limit=ten
            Argument<?> argument = e.getArgument();
            boolean inPath = request.getAttribute(HttpAttributes.ROUTE_MATCH, UriRouteMatch.class)
                    .map(m -> ((UriRouteMatch<?, ?>) m).getVariableValues().containsKey(argument.getName()))
                    .orElse(false);
            if (inPath) {
                // /api/needs/recurring: no such thing, and no such route
                return processor.processResponse(ErrorContext.builder(request).cause(e)
                        .errorMessage("nothing is at " + request.getPath()).build(), HttpResponse.notFound());
            }
            String reason = argument.isContainerType() && argument.getFirstTypeVariable().isPresent()
                    ? "each value must be " + JsonErrors.describe(argument.getFirstTypeVariable().get().getType())
                    : "must be " + JsonErrors.describe(argument.getType());
            return badRequest(processor, request, e, List.of(new FieldError(argument.getName(), reason)));
        }
    }

    /** A required value that is missing: a body of {@code null} or none, a query value left out. */
    @Produces
    @Singleton
    @Replaces(UnsatisfiedArgumentHandler.class)
    static class Missing implements ExceptionHandler<UnsatisfiedArgumentException, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> processor;

        Missing(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, UnsatisfiedArgumentException e) {
            return badRequest(processor, request, e, List.of(error(e.getArgument())));
        }

        static FieldError error(Argument<?> argument) {
            return argument.getAnnotationMetadata().hasAnnotation(Body.class)
                    ? new FieldError(JsonErrors.BODY, "must be a JSON object")
                    : new FieldError(argument.getName(), "is required");
        }
    }

    /** The same as {@link Missing}, when the router finds it before the arguments are bound. */
    @Produces
    @Singleton
    @Replaces(UnsatisfiedRouteHandler.class)
    static class MissingForRoute implements ExceptionHandler<UnsatisfiedRouteException, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> processor;

        MissingForRoute(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, UnsatisfiedRouteException e) {
            return badRequest(processor, request, e, List.of(Missing.error(e.getArgument())));
        }
    }

    /** JSON that does not parse or does not fit, read outside a conversion (Micronaut's own JSON handlers). */
    @Produces
    @Singleton
    @Replaces(JsonExceptionHandler.class)
    static class Syntax implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> processor;

        Syntax(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException e) {
            JsonProcessingException json = JsonErrors.find(e);
            FieldError error = json == null ? new FieldError(JsonErrors.BODY, "is not valid JSON") : JsonErrors.describe(json);
            return badRequest(processor, request, e, List.of(error));
        }
    }

    @Produces
    @Singleton
    @Replaces(JacksonExceptionHandler.class)
    static class Jackson implements ExceptionHandler<JsonProcessingException, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> processor;

        Jackson(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, JsonProcessingException e) {
            return badRequest(processor, request, e, List.of(JsonErrors.describe(e)));
        }
    }

    /** 413 in the caller's terms: how much is accepted, not which setting says so. */
    @Produces
    @Singleton
    @Replaces(ContentLengthExceededHandler.class)
    static class TooLarge implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> processor;
        private final long limit;

        TooLarge(ErrorResponseProcessor<?> processor, HttpServerConfiguration server) {
            this.processor = processor;
            this.limit = server.getMaxRequestSize();
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException e) {
            return processor.processResponse(ErrorContext.builder(request).cause(e)
                    .errorMessage("the request body is too large: at most " + limit + " bytes are accepted")
                    .build(), HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE));
        }
    }
}
