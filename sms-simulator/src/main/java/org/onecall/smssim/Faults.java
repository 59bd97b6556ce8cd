package org.onecall.smssim;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the simulator was told to get wrong: numbers whose sends fail (the next n times, or always),
 * a share of all sends that fail, and a delay before receipts.
 */
final class Faults {

    static final int ALWAYS = -1;

    private final Map<String, AtomicInteger> failingNumbers = new ConcurrentHashMap<>();
    private volatile double failShare;
    private volatile Duration receiptDelay = Duration.ZERO;

    void failNumber(String phone, int times) {
        failingNumbers.put(phone, new AtomicInteger(times));
    }

    void failShare(double share) {
        this.failShare = Math.max(0, Math.min(1, share));
    }

    void delay(Duration delay) {
        this.receiptDelay = delay;
    }

    Duration delay() {
        return receiptDelay;
    }

    /** Whether this send fails; counts a number's remaining failures down. */
    boolean fails(String phone) {
        AtomicInteger left = failingNumbers.get(phone);
        if (left != null) {
            int n = left.get();
            if (n == ALWAYS) {
                return true;
            }
            if (n > 0 && left.compareAndSet(n, n - 1)) {
                return true;
            }
        }
        return failShare > 0 && ThreadLocalRandom.current().nextDouble() < failShare;
    }

    Map<String, Object> describe() {
        Map<String, Integer> numbers = new java.util.TreeMap<>();
        failingNumbers.forEach((k, v) -> numbers.put(k, v.get()));
        return Map.of("failingNumbers", numbers, "failShare", failShare, "receiptDelayMillis", receiptDelay.toMillis());
    }

    void clear() {
        failingNumbers.clear();
        failShare = 0;
        receiptDelay = Duration.ZERO;
    }
}
