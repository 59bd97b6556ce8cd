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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Alibaba Cloud dysmsapi 2017-05-25 SendSms, signed with ACS3-HMAC-SHA256 (the RPC style: the
 * parameters in the query string, an empty body). The endpoint is the simulator locally and
 * {@code https://dysmsapi.aliyuncs.com} with a real account.
 */
@Singleton
@Requires(condition = SmsSettings.Configured.class)
public class AlibabaSms implements SmsProvider {

    public static final String ACTION = "SendSms";
    public static final String VERSION = "2017-05-25";
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
    public Sent send(String phone, SmsTemplate template, Map<String, String> params, String outId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("PhoneNumbers", phone);
        query.put("SignName", settings.getSignName());
        query.put("TemplateCode", settings.codeOf(template));
        query.put("TemplateParam", write(params));
        query.put("OutId", outId);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", endpoint.getAuthority());
        headers.put("x-acs-action", ACTION);
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
            JsonNode answer = json.readTree(response.body());
            return new Sent(answer.path("Code").asText("HTTP" + response.statusCode()), answer.path("Message").asText(""),
                    answer.path("BizId").asText(null), answer.path("RequestId").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException("SMS provider at " + endpoint + " could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while sending an SMS", e));
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
