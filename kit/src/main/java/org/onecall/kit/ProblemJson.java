package org.onecall.kit;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error any service returns, framework or ours, is RFC 9457 problem+json:
 * {@code {type, title, status, detail, errors:[{field, reason}]}}. Clients can rely on
 * {@code errors[].field} to point at the offending input.
 */
@Singleton
@Replaces(bean = JsonErrorResponseBodyProvider.class)
class ProblemJson implements JsonErrorResponseBodyProvider<Map<String, Object>> {

    static final String CONTENT_TYPE = "application/problem+json";

    @Override
    public Map<String, Object> body(ErrorContext ctx, HttpResponse<?> response) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", response.reason());
        problem.put("status", response.code());
        List<Map<String, String>> errors = new ArrayList<>();
        for (Error e : ctx.getErrors()) {
            Map<String, String> item = new LinkedHashMap<>();
            e.getPath().map(ProblemJson::field).ifPresent(f -> item.put("field", f));
            item.put("reason", e.getMessage());
            errors.add(item);
        }
        if (!errors.isEmpty()) {
            problem.put("detail", errors.stream()
                    .map(m -> m.containsKey("field") ? m.get("field") + ": " + m.get("reason") : m.get("reason"))
                    .reduce((a, b) -> a + "; " + b).orElse(""));
            problem.put("errors", errors);
        }
        return problem;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    /** Bean validation names a violation {@code method.argument.field...}; callers only know the field. */
    static String field(String path) {
        String[] parts = path.split("\\.");
        if (parts.length >= 3 && !parts[0].contains("[")) {
            return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        }
        return path;
    }
}
