package org.onecall.smssim;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the simulator was told to get wrong: numbers whose sends fail (the next n times, or always),
 * a share of all sends that fail, a delay before receipts, numbers whose sends get no answer
 * (the connection is held, then closed), taken or not, and numbers QuerySendDetails fails for.
 */
final class Faults {

    static final int ALWAYS = -1;
    static final String AFTER = "after-accepting";
    static final String BEFORE = "before-accepting";

    private final Map<String, AtomicInteger> failingNumbers = new ConcurrentHashMap<>();
    private volatile double failShare;
    private volatile Duration receiptDelay = Duration.ZERO;
    private final Map<String, LostAnswers> lostAnswers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failingQueries = new ConcurrentHashMap<>();

    /**
     * A send that gets no answer: the connection is held for {@code hold} and then closed. With
     * {@code afterAccepting} the message was taken first (the phone gets it, its receipt is pushed),
     * as when the provider's answer is lost on the way back; without, it never reached the provider.
     */
    record Loss(boolean afterAccepting, Duration hold) {
    }

    private record LostAnswers(Loss loss, AtomicInteger left) {
    }

    void loseAnswers(String phone, Loss loss, int times) {
        lostAnswers.put(phone, new LostAnswers(loss, new AtomicInteger(times)));
    }

    /** The loss this send to {@code phone} suffers, if any; counts the number's remaining ones down. */
    Loss loss(String phone) {
        LostAnswers lost = lostAnswers.get(phone);
        return lost != null && take(lost.left()) ? lost.loss() : null;
    }

    void failNumber(String phone, int times) {
        failingNumbers.put(phone, new AtomicInteger(times));
    }

    /** QuerySendDetails for this number answers isp.SYSTEM_ERROR (the next n times, or always). */
    void failQueries(String phone, int times) {
        failingQueries.put(phone, new AtomicInteger(times));
    }

    /** Whether this QuerySendDetails fails; counts the number's remaining failures down. */
    boolean queryFails(String phone) {
        AtomicInteger left = failingQueries.get(phone);
        return left != null && take(left);
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
        if (left != null && take(left)) {
            return true;
        }
        return failShare > 0 && ThreadLocalRandom.current().nextDouble() < failShare;
    }

    private static boolean take(AtomicInteger left) {
        while (true) {
            int n = left.get();
            if (n == ALWAYS) {
                return true;
            }
            if (n <= 0) {
                return false;
            }
            if (left.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }

    Map<String, Object> describe() {
        Map<String, Integer> numbers = new java.util.TreeMap<>();
        failingNumbers.forEach((k, v) -> numbers.put(k, v.get()));
        Map<String, Object> lost = new java.util.TreeMap<>();
        lostAnswers.forEach((k, v) -> lost.put(k, Map.of("when", v.loss().afterAccepting() ? AFTER : BEFORE,
                "millis", v.loss().hold().toMillis(), "times", v.left().get())));
        Map<String, Integer> queries = new java.util.TreeMap<>();
        failingQueries.forEach((k, v) -> queries.put(k, v.get()));
        return Map.of("failingNumbers", numbers, "failShare", failShare, "receiptDelayMillis", receiptDelay.toMillis(),
                "lostAnswers", lost, "failingQueries", queries);
    }

    void clear() {
        failingNumbers.clear();
        lostAnswers.clear();
        failingQueries.clear();
        failShare = 0;
        receiptDelay = Duration.ZERO;
    }
}
