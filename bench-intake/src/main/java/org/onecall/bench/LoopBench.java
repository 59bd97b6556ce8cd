package org.onecall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.onecall.standalone.Standalone;

/**
 * bench/run loop: end-to-end latency from POST /api/needs to the offer being visible (the need's
 * status is OFFERED when read back over HTTP) on the standalone product, one need at a time: the
 * need goes through dispatch-api's outbox and relay, Kafka, the matcher, Kafka again, and
 * dispatch-api's offer. Next to it, in the same run on the same embedded broker, the baseline: a
 * bare Kafka produce→consume round trip (acks=all, one record at a time). Ends with one JSON line.
 */
public final class LoopBench {

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int needs = quick ? 40 : 300;
        int warmupNeeds = quick ? 5 : 20;
        int roundTrips = quick ? 500 : 5000;
        Path dir = Bench.tempDir("onecall-bench-loop-");
        String url = "jdbc:h2:file:" + dir.resolve("dispatch").toAbsolutePath()
                + Standalone.H2_OPTIONS;
        System.err.println("loop: starting the standalone product (H2, embedded broker)...");
        try (Standalone app = Bench.start(dir, url, "sa", "")) {
            Bench.Stats kafka = kafkaRoundTrips(app.kafkaAdminConfig(), roundTrips);
            Loop loop = needLoop(app, warmupNeeds, needs);

            System.out.println();
            System.out.printf("loop: standalone product (H2 file, embedded KRaft broker), sequential, %d needs after %d"
                    + " warm-up; %d Kafka round trips%s%n", needs, warmupNeeds, roundTrips, quick ? " (--quick)" : "");
            System.out.printf("%-46s %7s %9s %9s %9s%n", "what", "n", "p50 ms", "p99 ms", "max ms");
            row("POST /api/needs -> status OFFERED (e2e)", loop.endToEnd);
            row("  of which: POST /api/needs answered", loop.post);
            row("baseline: Kafka produce -> consume (acks=all)", kafka);
            System.out.printf("needs not offered within 10 s: %d%n", loop.failed);

            Map<String, Object> json = new LinkedHashMap<>();
            json.put("bench", "loop");
            json.put("quick", quick);
            json.put("database", "h2");
            json.put("needs", needs);
            json.put("notOffered", loop.failed);
            json.put("e2e", Bench.json(loop.endToEnd));
            json.put("post", Bench.json(loop.post));
            json.put("kafkaRoundTrip", Bench.json(kafka));
            System.out.println(Bench.write(json));
        }
        System.exit(0);
    }

    record Loop(Bench.Stats endToEnd, Bench.Stats post, int failed) {
    }

    private static void row(String what, Bench.Stats s) {
        System.out.printf("%-46s %7d %9.2f %9.2f %9.1f%n", what, s.count(), s.p50(), s.p99(), s.max());
    }


    private static Loop needLoop(Standalone app, int warmup, int n) throws Exception {
        Bench.Http operator = new Bench.Http(app.url()).signIn("operator-wang", Bench.DEMO_PASSWORD);
        List<Long> homes = homes(app);
        long[] e2e = new long[n];
        long[] post = new long[n];
        int measured = 0;
        int failed = 0;
        for (int i = 0; i < warmup + n; i++) {
            long household = homes.get(i % homes.size());
            long t0 = System.nanoTime();
            JsonNode need = operator.post("/api/needs", Map.of("householdId", household, "category", "MEALS",
                    "urgency", "TODAY", "description", "午饭送到家 loop bench",
                    "separate", true));
            long t1 = System.nanoTime();
            long id = need.get("id").asLong();
            long deadline = t0 + Duration.ofSeconds(10).toNanos();
            String status = need.get("status").asText();
            long t2 = 0;
            while (System.nanoTime() < deadline) {
                status = operator.get("/api/needs/" + id).get("status").asText();
                if (!status.equals("OPEN") && !status.equals("MATCHING")) {
                    t2 = System.nanoTime();
                    break;
                }
                Thread.sleep(0, 500_000);
            }
            boolean offered = status.equals("OFFERED");
            if (i >= warmup) {
                if (offered) {
                    e2e[measured] = t2 - t0;
                    post[measured] = t1 - t0;
                    measured++;
                } else {
                    failed++;
                    if (failed <= 3) {
                        System.err.println("loop: need " + id + " ended " + status);
                    }
                }
            }
            // release the volunteer for the next need
            operator.post("/api/needs/" + id + "/cancellation", Map.of("reason", "bench"));
        }
        return new Loop(Bench.Stats.of(e2e, measured), Bench.Stats.of(post, measured), failed);
    }

    private static List<Long> homes(Standalone app) throws Exception {
        javax.sql.DataSource ds = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                .unwrapDataSource(app.context().getBean(javax.sql.DataSource.class));
        List<Long> ids = new ArrayList<>();
        try (var c = ds.getConnection(); var s = c.prepareStatement("SELECT id FROM household WHERE community_id = ?")) {
            s.setString(1, Bench.DEMO_COMMUNITY);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /**
     * Produce one record, poll until it is consumed; repeat. The broker is the product's own, signed
     * in as its admin (SASL/SCRAM costs only at connect, not per record).
     */
    private static Bench.Stats kafkaRoundTrips(Map<String, Object> client, int n) throws Exception {
        String topic = "bench.roundtrip." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1); // as the product's KafkaSender
        TopicPartition tp = new TopicPartition(topic, 0);
        long[] samples = new long[n];
        int warmup = Math.max(50, n / 10);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(client),
                     new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(Set.of(tp));
            consumer.seekToEnd(Set.of(tp));
            consumer.position(tp);
            int k = 0;
            for (int i = 0; i < warmup + n; i++) {
                String value = "rt-" + i;
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k", value));
                boolean seen = false;
                while (!seen) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        seen |= r.value().equals(value);
                    }
                }
                if (i >= warmup) {
                    samples[k++] = System.nanoTime() - t0;
                }
            }
            return Bench.Stats.of(samples, k);
        }
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> client) {
        Map<String, Object> config = new LinkedHashMap<>(client);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        return config;
    }
}
