package org.onecall.kit.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Alibaba Cloud dysmsapi 2017-05-25 SendSms and QuerySendDetails, signed with ACS3-HMAC-SHA256 (the RPC style: the
 * parameters in the query string, an empty body). The endpoint is the simulator locally and
 * {@code https://dysmsapi.aliyuncs.com} with a real account.
 */
@Singleton
@Requires(condition = SmsSettings.Configured.class)
public class AlibabaSms implements SmsProvider {

    public static final String ACTION = "SendSms";
    public static final String QUERY_ACTION = "QuerySendDetails";
    public static final String VERSION = "2017-05-25";
    /** The provider's zone: QuerySendDetails' SendDate is a Beijing day. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SEND_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter ACS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final SmsSettings settings;
    private final URI endpoint;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public AlibabaSms(SmsSettings settings) {
        this.settings = settings;
        this.endpoint = URI.create(settings.getEndpoint().endsWith("/") ? settings.getEndpoint() : settings.getEndpoint() + "/");
        this.http = HttpClient.newBuilder().connectTimeout(settings.getTimeout()).build();
    }

    @Override
    public String signName() {
        return settings.getSignName();
    }

    @Override
    public ZoneId zone() {
        return ZONE;
    }

    @Override
    public Sent send(String phone, SmsTemplate template, Map<String, String> params, String outId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("PhoneNumbers", phone);
        query.put("SignName", settings.getSignName());
        query.put("TemplateCode", settings.codeOf(template));
        query.put("TemplateParam", write(params));
        query.put("OutId", outId);
        Answer answer = call(ACTION, query);
        JsonNode body = answer.body();
        return new Sent(body.path("Code").asText("HTTP" + answer.status()), body.path("Message").asText(""),
                body.path("BizId").asText(null), body.path("RequestId").asText(null));
    }

    @Override
    public Details details(String phone, LocalDate sendDate, int pageSize, int currentPage) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("PhoneNumber", phone);
        query.put("SendDate", SEND_DATE.format(sendDate));
        query.put("PageSize", String.valueOf(pageSize));
        query.put("CurrentPage", String.valueOf(currentPage));
        Answer answer = call(QUERY_ACTION, query);
        JsonNode body = answer.body();
        List<Detail> details = new ArrayList<>();
        JsonNode dtos = body.path("SmsSendDetailDTOs").path("SmsSendDetailDTO");
        // the provider's XML-minded JSON gives a lone entry as an object, not a one-element array
        for (JsonNode d : dtos.isArray() ? dtos : dtos.isObject() ? List.of(dtos) : List.<JsonNode>of()) {
            details.add(new Detail(d.path("PhoneNum").asText(phone), d.path("SendStatus").asInt(0),
                    d.path("ErrCode").asText(""), d.path("TemplateCode").asText(""), d.path("Content").asText(""),
                    d.path("SendDate").asText(""), d.path("ReceiveDate").asText(""), d.path("OutId").asText("")));
        }
        return new Details(body.path("Code").asText("HTTP" + answer.status()), body.path("Message").asText(""),
                body.path("TotalCount").asLong(details.size()), details, body.path("RequestId").asText(null));
    }

    private record Answer(int status, JsonNode body) {
    }

    /** One signed RPC-style call: the parameters in the query string, an empty body. */
    private Answer call(String action, Map<String, String> query) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", endpoint.getAuthority());
        headers.put("x-acs-action", action);
        headers.put("x-acs-version", VERSION);
        headers.put("x-acs-date", ACS_DATE.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        headers.put("x-acs-signature-nonce", UUID.randomUUID().toString());
        headers.put("x-acs-content-sha256", Acs3Signature.EMPTY_SHA256);
        String authorization = Acs3Signature.authorization(settings.getAccessKeyId(), settings.getAccessKeySecret(),
                "POST", "/", query, headers);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/?" + Acs3Signature.canonicalQuery(query)))
                .timeout(settings.getTimeout())
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", authorization);
        headers.forEach((k, v) -> {
            if (!k.equals("host")) {
                request.header(k, v);
            }
        });
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), json.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(action + " at " + endpoint + " got no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while waiting for " + action, e));
        }
    }

    private String write(Map<String, String> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
