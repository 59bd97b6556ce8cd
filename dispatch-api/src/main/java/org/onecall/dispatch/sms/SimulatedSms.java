package org.onecall.dispatch.sms;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.onecall.kit.Refusal;

/**
 * A faithful local stand-in for an SMS carrier: validates the number the way a mainland carrier
 * would (11-digit mobile starting with 1), refuses landlines and over-long texts, and records every
 * message it "delivered" so tests and the admin page can read it back.
 */
@Singleton
public class SimulatedSms implements SmsGateway {

    /** China's carriers split longer texts; keep one segment's worth with a margin. */
    static final int MAX_LENGTH = 300;

    private final SmsMessageRepository messages;
    private final Clock clock;

    SimulatedSms(SmsMessageRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public String send(String phone, String text) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        if (!digits.matches("1[3-9][0-9]{9}")) {
            throw Refusal.invalid("phone", "SMS can only go to a mainland mobile number (11 digits starting with 1)");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("SMS text longer than " + MAX_LENGTH + " characters");
        }
        SmsMessage saved = messages.save(new SmsMessage(null, digits, text, "DELIVERED", clock.instant()));
        return "sim-" + saved.id();
    }

    public List<SmsMessage> sentTo(String phone) {
        return messages.findTop20ByPhoneOrderByIdDesc(phone.replaceAll("[^0-9]", ""));
    }
}
