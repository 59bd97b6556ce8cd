package org.onecall.kit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Says what was wrong with a JSON body in the caller's terms: which field ({@code items[0].name}, or
 * {@code body} for the whole of it) and why, without Java class names, Jackson's feature names or
 * its source excerpts.
 */
final class JsonErrors {

    static final String BODY = "body";

    private JsonErrors() {
    }

    /** The Jackson exception under whatever Micronaut wrapped it in, or null. */
    static JsonProcessingException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof JsonProcessingException j) {
                return j;
            }
        }
        return null;
    }

    /**
     * Any failure to read a body: a Jackson error as {@link #describe(JsonProcessingException)}; anything
     * else (bytes the parser took for UTF-32, found by fuzzing) refuses the body as a whole.
     */
    static FieldError describeBody(Throwable t) {
        JsonProcessingException json = find(t);
        return json != null ? describe(json) : new FieldError(BODY, "must be a JSON object in UTF-8");
    }

    static FieldError describe(JsonProcessingException e) {
        // a mapping error knows the path it unwound through; only a parse error needs the parser's position
        String field = e instanceof JsonMappingException m ? path(m) : parserPath(e);
        return new FieldError(field.isEmpty() ? BODY : field, reason(e));
    }

    private static String reason(JsonProcessingException e) {
        String original = Objects.requireNonNullElse(e.getOriginalMessage(), "");
        if (e instanceof StrictJson.Refused) {
            return original;
        }
        if (e instanceof PropertyBindingException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            return "is not a field of this request" + (known == null || known.isEmpty() ? ""
                    : " (its fields: " + known.stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")) + ")");
        }
        if (original.startsWith("Duplicate field")) {
            return "is given twice: each field may appear once";
        }
        if (original.contains("'NaN'") || original.contains("Infinity'")) {
            return "must be a number (NaN and Infinity are not JSON numbers)";
        }
        if (e instanceof StreamConstraintsException) {
            return "is too long";
        }
        if (e instanceof InputCoercionException) {
            return "is out of range";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "must be one of " + Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            if (original.startsWith("No content")) {
                return "is empty: a JSON object is expected";
            }
            if (original.startsWith("Trailing token")) {
                return "must hold one JSON value, with nothing after it";
            }
            return "must be " + describe(m.getTargetType());
        }
        if (original.contains("end-of-input") || original.startsWith("No content")) {
            return "ends too early: the JSON is incomplete";
        }
        return "is not valid JSON";
    }

    /** What a value of this type looks like, in words. */
    static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.getName().startsWith("java.time.")) {
            return "a date or time in ISO 8601 form";
        }
        return "a JSON object";
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

    /** Where the parser stood when it gave up (a duplicate key, a NaN): the field being read. */
    private static String parserPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }
}
