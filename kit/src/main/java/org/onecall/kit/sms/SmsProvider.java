package org.onecall.kit.sms;

import java.util.Map;

/**
 * Sends one templated text message to one phone through an SMS provider. The only implementation
 * speaks Alibaba Cloud's SendSms ({@link AlibabaSms}); the local simulator answers the same API, so
 * pointing at a real account is configuration only.
 */
public interface SmsProvider {

    /**
     * @param outId our id for this message, echoed in the provider's delivery receipt
     * @return what the provider answered; a refusal is a result ({@link Sent#accepted()} false), a
     *         provider that cannot be reached throws {@link java.io.UncheckedIOException}
     */
    Sent send(String phone, SmsTemplate template, Map<String, String> params, String outId);

    /** The signature the provider puts in front of every message (counted in its length). */
    String signName();

    /** {@code code} is "OK" when accepted; {@code bizId} identifies the message in receipts. */
    record Sent(String code, String message, String bizId, String requestId) {
        public boolean accepted() {
            return "OK".equals(code);
        }
    }
}
