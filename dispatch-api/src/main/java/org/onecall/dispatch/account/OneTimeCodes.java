package org.onecall.dispatch.account;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.onecall.dispatch.audit.Audit;
import org.onecall.dispatch.sms.SmsGateway;
import org.onecall.kit.Refusal;
import org.onecall.kit.sms.SmsTemplate;

/**
 * SMS sign-in for volunteers: a 6-digit code, valid for a few minutes, usable once, with a small
 * number of tries. Stored hashed, so a database reader cannot sign in with it.
 */
@Singleton
class OneTimeCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OtpCodeRepository codes;
    private final Accounts accounts;
    private final SmsGateway sms;
    private final PasswordHasher hasher;
    private final Audit audit;
    private final Clock clock;
    private final Duration validity;
    private final int maxAttempts;

    OneTimeCodes(OtpCodeRepository codes, Accounts accounts, SmsGateway sms, PasswordHasher hasher, Audit audit,
                 Clock clock, @Value("${onecall.security.otp-validity:5m}") Duration validity,
                 @Value("${onecall.security.otp-attempts:5}") int maxAttempts) {
        this.codes = codes;
        this.accounts = accounts;
        this.sms = sms;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.validity = validity;
        this.maxAttempts = maxAttempts;
    }

    /** Sends a code if the phone belongs to an active volunteer; answers the same either way. */
    @Transactional
    void send(String phone) {
        String digits = Accounts.digits(phone);
        if (accounts.volunteerByPhone(digits).isEmpty()) {
            return;
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        var now = clock.instant();
        codes.save(new OtpCode(null, digits, hasher.hash(code), now.plus(validity), 0, false, now));
        sms.send(digits, SmsTemplate.LOGIN_CODE, Map.of("code", code, "minutes", String.valueOf(validity.toMinutes())));
    }

    @Transactional(noRollbackFor = Refusal.class)
    Account verify(String phone, String code) {
        String digits = Accounts.digits(phone);
        Optional<OtpCode> latest = codes.findFirstByPhoneOrderByIdDesc(digits);
        if (latest.isEmpty() || latest.get().used() || latest.get().expiresAt().isBefore(clock.instant())) {
            throw Refusal.unauthorized("the code is wrong or has expired; ask for a new one");
        }
        OtpCode otp = latest.get();
        if (otp.attempts() >= maxAttempts) {
            throw Refusal.tooMany("too many wrong codes; ask for a new one");
        }
        codes.countAttempt(otp.id());
        if (!hasher.matches(code, otp.codeHash()) || codes.use(otp.id()) == 0) {
            audit.record("phone:" + digits.substring(0, 3) + "****", "OTP_FAILED", "otp:" + otp.id(), null);
            throw Refusal.unauthorized("the code is wrong or has expired; ask for a new one");
        }
        return accounts.volunteerByPhone(digits)
                .orElseThrow(() -> Refusal.unauthorized("the code is wrong or has expired; ask for a new one"));
    }
}
