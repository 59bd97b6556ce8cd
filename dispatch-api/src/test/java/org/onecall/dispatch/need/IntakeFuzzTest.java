package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micronaut.validation.validator.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.IntakeEvents.WorkOrderReceived;
import org.onecall.events.MalformedEventException;

/**
 * Any bytes on the intake topic are either malformed (dead-lettered with the parse reason), refused with
 * a field and a reason, or a need the rules accept: nothing else may come out, or the listener would
 * retry a message that can never succeed. This is the pure part of {@link Intake#receive} (no
 * household look-up, no receipt, no community's service targets: a fixed household id and the default
 * target stand in). The saved inputs under IntakeFuzzTestInputs run in every build; {@code JAZZER_FUZZ=1}
 * fuzzes for real (see README), and each finding is saved there as a new input.
 */
class IntakeFuzzTest {

    static final Validator VALIDATOR = Validator.getInstance();
    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    @FuzzTest(maxDuration = "2m")
    void anyMessageIsMalformedRefusedNamingAFieldOrAcceptable(byte[] bytes) {
        EventEnvelope envelope;
        Object checked;
        try {
            // what the listener's String deserializer hands over
            envelope = EventJson.read(new String(bytes, StandardCharsets.UTF_8));
            checked = Intake.message(envelope);
        } catch (MalformedEventException e) {
            assertNotNull(e.getMessage());
            return;
        }
        if (checked instanceof WorkOrderReceived m) {
            checked = Intake.checkedForm(m, 1L, VALIDATOR);
        }
        if (checked instanceof Requests.RaiseNeed form) {
            ServiceTargets.Target target = new ServiceTargets.Target(form.category(), Duration.ofHours(24), false,
                    "default");
            for (FieldProblem p : NeedRules.check(form, target, NOW)) {
                assertNamed(p.field(), p.reason());
            }
            return;
        }
        Intake.Rejected rejected = assertInstanceOf(Intake.Rejected.class, checked);
        assertNamed(rejected.field(), rejected.reason());
    }

    private static void assertNamed(String field, String reason) {
        assertNotNull(field);
        assertFalse(field.isBlank(), () -> "a refusal names a field: " + reason);
        assertNotNull(reason);
        assertFalse(reason.isBlank(), () -> "a refusal gives a reason for " + field);
    }
}
