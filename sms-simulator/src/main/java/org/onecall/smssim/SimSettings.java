package org.onecall.smssim;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the simulator runs: its port, the one AccessKey it accepts (as a provider account would),
 * the secret it signs callbacks with, where it pushes receipts and replies, how fast it retries.
 */
public record SimSettings(int port, String accessKeyId, String accessKeySecret, String callbackSecret,
                          String receiptUrl, String replyUrl, List<Duration> callbackRetries) {

    public static SimSettings of(int port, String accessKeyId, String accessKeySecret, String callbackSecret) {
        return new SimSettings(port, accessKeyId, accessKeySecret, callbackSecret, "", "",
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    /** From the environment, the way docker/ runs it (same variable names as the services use). */
    static SimSettings fromEnvironment(Map<String, String> env) {
        return new SimSettings(Integer.parseInt(env.getOrDefault("SMS_SIM_PORT", "8083")),
                env.getOrDefault("ONECALL_SMS_ACCESS_KEY_ID", "onecall-local"),
                require(env, "ONECALL_SMS_ACCESS_KEY_SECRET"),
                require(env, "ONECALL_SMS_CALLBACK_SECRET"),
                env.getOrDefault("SMS_SIM_RECEIPT_URL", ""),
                env.getOrDefault("SMS_SIM_REPLY_URL", ""),
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set (the secret the services share with the SMS provider)");
        }
        return value;
    }
}
