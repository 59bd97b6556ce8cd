package org.onecall.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.onecall.smssim.SimSettings;
import org.onecall.smssim.SmsSimulator;

/**
 * One SMS simulator per test JVM (like the broker): {@code @ExtendWith(SmsSimulatorExtension.class)},
 * then point {@code onecall.sms.*} at {@link #properties()} and aim its callbacks with
 * {@link #simulator()}'s {@code receiptsTo}/{@code repliesTo}.
 */
public final class SmsSimulatorExtension implements BeforeAllCallback {

    public static final String ACCESS_KEY_ID = "test-access-key";
    public static final String ACCESS_KEY_SECRET = "test-access-key-secret";
    public static final String CALLBACK_SECRET = "notifier-test-callback-secret";
    private static SmsSimulator simulator;

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator();
    }

    public static synchronized SmsSimulator simulator() {
        if (simulator == null) {
            simulator = SmsSimulator.start(SimSettings.of(0, ACCESS_KEY_ID, ACCESS_KEY_SECRET, CALLBACK_SECRET));
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "sms-simulator-test-shutdown"));
        }
        return simulator;
    }

    public static SimulatedPhones phones() {
        return new SimulatedPhones(simulator().url());
    }

    /** The settings a service needs to send through this simulator. */
    public static java.util.Map<String, String> properties() {
        return java.util.Map.of("onecall.sms.endpoint", simulator().url(), "onecall.sms.access-key-id", ACCESS_KEY_ID,
                "onecall.sms.access-key-secret", ACCESS_KEY_SECRET, "onecall.sms.callback-secret", CALLBACK_SECRET);
    }
}
