package org.onecall.dispatch.sms;

import java.util.Map;
import org.onecall.kit.sms.SmsTemplate;

/**
 * Sends a templated text message to a phone ({@link SentSms}: through the configured SMS provider,
 * or, with none configured, recorded only, as a local stand-in).
 */
public interface SmsGateway {

    /** Returns the provider's message id; a refused number is a {@link org.onecall.kit.Refusal}. */
    String send(String phone, SmsTemplate template, Map<String, String> params);
}
