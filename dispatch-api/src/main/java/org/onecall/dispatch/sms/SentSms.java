package org.onecall.dispatch.sms;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.onecall.kit.Refusal;
import org.onecall.kit.sms.SmsProvider;
import org.onecall.kit.sms.SmsTemplate;
import org.onecall.kit.sms.SmsText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dispatch-api's own texts (sign-in codes): checks the number the way a mainland carrier would,
 * sends through the SMS provider when one is configured ({@code onecall.sms.endpoint}: the simulator
 * in standalone, a real account in production) and keeps what it sent, so an admin can help a
 * volunteer whose code did not arrive. With no provider configured it only keeps the message.
 */
@Singleton
public class SentSms implements SmsGateway {

    private static final Logger LOG = LoggerFactory.getLogger(SentSms.class);

    private final SmsMessageRepository messages;
    private final Clock clock;
    @Nullable
    private final SmsProvider provider;

    SentSms(SmsMessageRepository messages, Clock clock, @Nullable SmsProvider provider) {
        this.messages = messages;
        this.clock = clock;
        this.provider = provider;
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public String send(String phone, SmsTemplate template, Map<String, String> params) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        if (!digits.matches("1[3-9][0-9]{9}")) {
            throw Refusal.invalid("phone", "SMS can only go to a mainland mobile number (11 digits starting with 1)");
        }
        String signName = provider == null ? "一个电话" : provider.signName();
        String text = SmsText.shown(signName, SmsText.render(template.text(), params));
        SmsMessage saved = messages.save(new SmsMessage(null, digits, text, provider == null ? "DELIVERED" : "SENDING",
                clock.instant()));
        if (provider == null) {
            return "local-" + saved.id();
        }
        String status;
        String id = "refused-" + saved.id();
        try {
            SmsProvider.Sent sent = provider.send(digits, template, params, "dispatch-sms-" + saved.id());
            status = sent.accepted() ? "SENT" : sent.code();
            id = sent.bizId() == null ? id : sent.bizId();
        } catch (UncheckedIOException e) {
            // the caller answers the same whether or not a text went (it must not reveal who has an account)
            LOG.warn("SMS not sent: {}", e.getMessage());
            status = "UNREACHABLE";
        }
        messages.update(new SmsMessage(saved.id(), digits, text, status, saved.createdAt()));
        return id;
    }

    public List<SmsMessage> sentTo(String phone) {
        return messages.findTop20ByPhoneOrderByIdDesc(phone.replaceAll("[^0-9]", ""));
    }
}
