package org.onecall.kit.security;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** problem+json for refusals made in filters, before any controller (and its error handling) runs. */
final class Problems {

    static MutableHttpResponse<Map<String, Object>> of(HttpStatus status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReason());
        body.put("status", status.getCode());
        body.put("detail", detail);
        return HttpResponse.<Map<String, Object>>status(status).contentType("application/problem+json").body(body);
    }

    private Problems() {
    }
}
