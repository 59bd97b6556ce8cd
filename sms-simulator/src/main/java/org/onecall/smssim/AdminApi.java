package org.onecall.smssim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Steering the simulator (what a test or a person trying the demo does): read the phones, make a
 * phone reply (pushed as SmsUp), make sends fail for a number or a share, lose the answers to a
 * number's sends, make QuerySendDetails fail for a number, delay receipts, reset.
 */
final class AdminApi {

    private final Phones phones;
    private final Faults faults;
    private final Callbacks callbacks;
    private final Supplier<String> replyUrl;
    private final ObjectMapper json;
    private final Clock clock;

    AdminApi(Phones phones, Faults faults, Callbacks callbacks, Supplier<String> replyUrl, ObjectMapper json, Clock clock) {
        this.phones = phones;
        this.faults = faults;
        this.callbacks = callbacks;
        this.replyUrl = replyUrl;
        this.json = json;
        this.clock = clock;
    }

    record Answer(int status, Object body) {
    }

    Answer handle(String method, String path, Map<String, String> query, byte[] body) {
        JsonNode in;
        try {
            in = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return problem("body", "is not JSON");
        }
        return switch (method + " " + path) {
            case "GET /phones" -> new Answer(200, phones.numbers().stream()
                    .map(p -> Map.of("phone", p, "messages", phones.of(p))).toList());
            case "GET /messages" -> query.containsKey("phone") ? new Answer(200, phones.of(digits(query.get("phone"))))
                    : problem("phone", "is required");
            case "POST /replies" -> reply(in);
            case "POST /failures" -> failures(in);
            case "POST /lost-answers" -> lostAnswers(in);
            case "POST /query-failures" -> queryFailures(in);
            case "POST /delay" -> {
                long millis = in.path("millis").asLong(-1);
                if (millis < 0 || millis > 600_000) {
                    yield problem("millis", "must be 0 to 600000");
                }
                faults.delay(Duration.ofMillis(millis));
                yield new Answer(200, faults.describe());
            }
            case "GET /faults" -> new Answer(200, faults.describe());
            case "POST /reset" -> {
                faults.clear();
                phones.clear();
                yield new Answer(200, faults.describe());
            }
            default -> new Answer(404, Map.of("title", "Not Found", "detail", method + " /admin" + path));
        };
    }

    /** The phone sends a text: kept on the phone's page and pushed to the reply URL as SmsUp. */
    private Answer reply(JsonNode in) {
        String phone = digits(in.path("phone").asText(""));
        String content = in.path("content").asText("");
        if (!phone.matches("1[3-9][0-9]{9}")) {
            return problem("phone", "must be a mainland mobile number (11 digits starting with 1)");
        }
        if (content.isBlank() || content.length() > 500) {
            return problem("content", "must be 1 to 500 characters");
        }
        Instant now = clock.instant();
        String id = phones.nextId("UP");
        phones.add(new SimMessage(id, phone, SimMessage.Direction.OUT, content, org.onecall.kit.sms.SmsText.segments(content),
                null, null, Map.of(), null, "SENT", now));
        Map<String, Object> up = new LinkedHashMap<>();
        up.put("phone_number", phone);
        up.put("content", content);
        up.put("send_time", SmsSimulator.TIME.format(now));
        up.put("dest_code", "");
        up.put("sequence_id", id);
        callbacks.push(replyUrl, List.of(up), Duration.ZERO);
        return new Answer(200, Map.of("sequence_id", id));
    }

    private Answer failures(JsonNode in) {
        if (in.has("share")) {
            double share = in.path("share").asDouble(-1);
            if (share < 0 || share > 1) {
                return problem("share", "must be between 0 and 1");
            }
            faults.failShare(share);
        }
        if (in.has("phone")) {
            return numberFault(in, faults::failNumber);
        }
        return new Answer(200, faults.describe());
    }

    /**
     * Sends to a number get no answer: held for {@code millis}, then the connection closes. "when":
     * {@code after-accepting} (the phone gets the message, the sender cannot know) or
     * {@code before-accepting} (the request is lost on the way in).
     */
    private Answer lostAnswers(JsonNode in) {
        String when = in.path("when").asText("");
        if (!when.equals(Faults.AFTER) && !when.equals(Faults.BEFORE)) {
            return problem("when", "must be " + Faults.AFTER + " or " + Faults.BEFORE);
        }
        long millis = in.path("millis").asLong(-1);
        if (!in.path("millis").isIntegralNumber() || millis < 0 || millis > 600_000) {
            return problem("millis", "must be 0 to 600000");
        }
        Faults.Loss loss = new Faults.Loss(when.equals(Faults.AFTER), Duration.ofMillis(millis));
        return numberFault(in, (phone, times) -> faults.loseAnswers(phone, loss, times));
    }

    /** QuerySendDetails for a number answers isp.SYSTEM_ERROR: the next {@code times} (leave it out: always). */
    private Answer queryFailures(JsonNode in) {
        return numberFault(in, faults::failQueries);
    }

    /** A fault for one number ({@code phone}), the next {@code times} times (left out: always). */
    private Answer numberFault(JsonNode in, java.util.function.ObjIntConsumer<String> fault) {
        String phone = digits(in.path("phone").asText(""));
        if (!phone.matches("1[3-9][0-9]{9}")) {
            return problem("phone", "must be a mainland mobile number (11 digits starting with 1)");
        }
        int times = in.has("times") ? in.path("times").asInt(0) : Faults.ALWAYS;
        if (times < Faults.ALWAYS) {
            return problem("times", "must be a count (leave it out for always)");
        }
        fault.accept(phone, times);
        return new Answer(200, faults.describe());
    }

    private static String digits(String phone) {
        String d = phone.replaceAll("[^0-9]", "");
        return d.length() == 13 && d.startsWith("86") ? d.substring(2) : d;
    }

    private static Answer problem(String field, String reason) {
        return new Answer(400, Map.of("title", "Bad Request", "status", 400,
                "errors", List.of(Map.of("field", field, "reason", reason))));
    }
}
