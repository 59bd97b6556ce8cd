package org.onecall.smssim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every simulated phone and its messages, in memory (the simulator forgets on restart, as a demo may). */
final class Phones {

    private final Map<String, List<SimMessage>> byPhone = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    String nextId(String prefix) {
        return prefix + String.format("%08d", sequence.incrementAndGet());
    }

    void add(SimMessage message) {
        List<SimMessage> list = byPhone.computeIfAbsent(message.phone(), p -> new ArrayList<>());
        synchronized (list) {
            list.add(message);
        }
    }

    void update(String phone, String id, String status) {
        List<SimMessage> list = byPhone.get(phone);
        if (list == null) {
            return;
        }
        synchronized (list) {
            list.replaceAll(m -> m.id().equals(id) ? m.withStatus(status) : m);
        }
    }

    List<SimMessage> of(String phone) {
        List<SimMessage> list = byPhone.getOrDefault(phone, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    Optional<SimMessage> find(String id) {
        return byPhone.values().stream().flatMap(l -> {
            synchronized (l) {
                return List.copyOf(l).stream();
            }
        }).filter(m -> m.id().equals(id)).findFirst();
    }

    /** Phones with the latest activity first. */
    List<String> numbers() {
        return byPhone.keySet().stream()
                .sorted(Comparator.comparing((String p) -> last(p)).reversed().thenComparing(p -> p))
                .toList();
    }

    void clear() {
        byPhone.clear();
    }

    private java.time.Instant last(String phone) {
        List<SimMessage> l = of(phone);
        return l.isEmpty() ? java.time.Instant.EPOCH : l.get(l.size() - 1).at();
    }
}
