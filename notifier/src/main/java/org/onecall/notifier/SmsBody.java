package org.onecall.notifier;

import java.util.Map;
import org.onecall.kit.sms.SmsTemplate;

/** What an SMS delivery says: the provider's template and its parameters (never the phone number). */
public record SmsBody(SmsTemplate template, Map<String, String> params) {
}
