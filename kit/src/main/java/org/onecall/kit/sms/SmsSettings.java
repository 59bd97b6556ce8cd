package org.onecall.kit.sms;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Where and as whom to send SMS, and how callbacks from the provider prove themselves
 * ({@code ONECALL_SMS_*} variables). Without an endpoint no provider bean exists.
 */
@ConfigurationProperties("onecall.sms")
public class SmsSettings {

    @Nullable
    private String endpoint;
    private String accessKeyId = "onecall-local";
    private String accessKeySecret = "";
    private String signName = "一个电话";
    /** HMAC key of the X-Onecall-Signature header on receipt and reply callbacks. */
    private String callbackSecret = "";
    private Duration timeout = Duration.ofSeconds(5);
    private Map<String, String> templateCodes = new HashMap<>();

    @Nullable
    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(@Nullable String endpoint) {
        this.endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint;
    }

    public String getAccessKeyId() {
        return accessKeyId;
    }

    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    public String getAccessKeySecret() {
        return accessKeySecret;
    }

    public void setAccessKeySecret(String accessKeySecret) {
        this.accessKeySecret = accessKeySecret;
    }

    public String getSignName() {
        return signName;
    }

    public void setSignName(String signName) {
        this.signName = signName;
    }

    public String getCallbackSecret() {
        return callbackSecret;
    }

    public void setCallbackSecret(String callbackSecret) {
        this.callbackSecret = callbackSecret;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Map<String, String> getTemplateCodes() {
        return templateCodes;
    }

    public void setTemplateCodes(Map<String, String> templateCodes) {
        this.templateCodes = templateCodes;
    }

    /** An endpoint is set (an empty ONECALL_SMS_ENDPOINT counts as none). */
    public static final class Configured implements io.micronaut.context.condition.Condition {
        @Override
        public boolean matches(io.micronaut.context.condition.ConditionContext context) {
            return context.getProperty("onecall.sms.endpoint", String.class).filter(s -> !s.isBlank()).isPresent();
        }
    }

    /** The provider's code for this template: configured, else the simulator's default. */
    public String codeOf(SmsTemplate template) {
        return templateCodes.getOrDefault(template.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                template.defaultCode());
    }
}
