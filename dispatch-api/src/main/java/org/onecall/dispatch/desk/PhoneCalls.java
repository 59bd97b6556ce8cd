package org.onecall.dispatch.desk;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.household.PhoneNumbers;
import org.onecall.kit.Refusal;

/**
 * An announced call: which phone system (by its token), which households the number belongs to
 * (within the system's community), recorded, then popped on the desks.
 */
@Singleton
class PhoneCalls {

    /** What the phone system gets back: the call's record, how many households matched, how many desks were told. */
    @Introspected
    record Announced(long callId, int households, int desksTold) {
    }

    private final List<PhoneSystem> systems;
    private final Households households;
    private final IncomingCallRepository calls;
    private final DeskFeed feed;
    private final Clock clock;
    private final Validator validator;

    PhoneCalls(@Value("${onecall.phone-systems:}") String systems, Households households,
               IncomingCallRepository calls, DeskFeed feed, Clock clock, Validator validator) {
        this.validator = validator;
        this.systems = PhoneSystem.parseAll(systems);
        this.households = households;
        this.calls = calls;
        this.feed = feed;
        this.clock = clock;
    }

    Announced ringing(String token, PhoneCallController.Ringing ringing) {
        PhoneSystem system = systemOf(token).orElseThrow(() -> Refusal.unauthorized(
                "missing or unknown " + PhoneCallController.TOKEN_HEADER + " header: not a known phone system"));
        var problems = validator.validate(ringing);
        if (!problems.isEmpty()) {
            throw new ConstraintViolationException(problems);
        }
        String e164 = null;
        List<Long> found = List.of();
        try {
            e164 = PhoneNumbers.isSubscriberNumber(ringing.caller()) ? null
                    : PhoneNumbers.normalise(ringing.caller()).e164();
            // a withheld or odd number still pops an empty card: the operator asks who is calling
            found = households.byPhone(ringing.caller(), system.community()).stream().map(Household::id).toList();
        } catch (PhoneNumbers.NotAPhoneNumber | Refusal e) {
            found = List.of();
        }
        IncomingCall saved = calls.save(new IncomingCall(null, system.name(), system.community(), ringing.caller(),
                e164, ringing.extension(), ringing.callId(), found.size(), 0, clock.instant()));
        int told = feed.pop(system.community(), new DeskFeed.CallPop(saved.id(), ringing.caller(),
                ringing.extension(), found));
        calls.update(new IncomingCall(saved.id(), saved.phoneSystem(), saved.communityId(), saved.callerNumber(),
                saved.callerE164(), saved.extension(), saved.externalId(), saved.households(), told,
                saved.receivedAt()));
        return new Announced(saved.id(), found.size(), told);
    }

    /** Compares every configured token in constant time, so the answer's timing tells nothing of them. */
    private Optional<PhoneSystem> systemOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        PhoneSystem match = null;
        for (PhoneSystem s : systems) {
            if (MessageDigest.isEqual(given, s.token().getBytes(StandardCharsets.UTF_8))) {
                match = s;
            }
        }
        return Optional.ofNullable(match);
    }
}
