package org.onecall.dispatch.need;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onecall.dispatch.DispatchTestHttp;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventJson;
import org.onecall.events.IntakeEvents.Window;
import org.onecall.events.IntakeEvents.WorkOrderReceived;
import org.onecall.events.NeedItem;
import org.onecall.events.Topics;
import org.onecall.testsupport.KafkaBrokerExtension;
import org.onecall.testsupport.TopicProbe;
import static org.awaitility.Awaitility.await;

/** 12345 work orders and grid reports arriving on onecall.intake, through a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
@MicronautTest(environments = "dispatch", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeTest implements TestPropertyProvider {

    static final String COMMUNITY = "intake-test";
    static final AtomicInteger PHONES = new AtomicInteger(3000);
    final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return DispatchTestHttp.h2AndKafka();
    }

    @AfterAll
    void close() {
        producer.close();
    }

    DispatchTestHttp http() {
        return new DispatchTestHttp(client);
    }

    String phone() {
        return "1370000" + PHONES.incrementAndGet();
    }

    static WorkOrderReceived repair(String sourceId, Long householdId, String phone) {
        return new WorkOrderReceived("12345", sourceId, householdId, phone, "REPAIRS", "TODAY", "厨房水管漏水",
                List.of(), Map.of("whatIsBroken", "厨房水管"), null, null, "12345-agent-0931");
    }

    void send(String json) {
        producer.send(new ProducerRecord<>(Topics.INTAKE, COMMUNITY, json));
        producer.flush();
    }

    void send(WorkOrderReceived order) {
        send(EventJson.write(EventEnvelope.of(order, COMMUNITY, Clock.systemUTC())));
    }

    Optional<JsonNode> needWithSource(String sourceId) {
        for (JsonNode n : http().get("/api/communities/" + COMMUNITY + "/needs").body()) {
            if (sourceId.equals(n.path("sourceId").asText())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    long count(String sourceId) {
        long n = 0;
        for (JsonNode need : http().get("/api/communities/" + COMMUNITY + "/needs").body()) {
            n += sourceId.equals(need.path("sourceId").asText()) ? 1 : 0;
        }
        return n;
    }

    /** The dead letter carrying this source id, with its reason header. */
    static String reasonFor(String sourceId) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", KafkaBrokerExtension.bootstrapServers(), "enable.auto.commit", "false"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            var partitions = c.partitionsFor(Topics.DEAD_LETTER).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && r.value().contains(sourceId)) {
                        return new String(r.headers().lastHeader(Topics.HEADER_DLQ_REASON).value(),
                                StandardCharsets.UTF_8);
                    }
                }
                return null;
            }, java.util.Objects::nonNull);
        }
    }

    @Test
    void a_work_order_becomes_a_need_showing_its_source() {
        long h = http().household(COMMUNITY, phone());
        String id = "BJ-" + UUID.randomUUID();
        send(new WorkOrderReceived("12345", id, h, null, "MEDICINE", "URGENT", "老人缺降压药",
                List.of(new NeedItem("降压药", 2, "盒", null)), null, null, null, "12345-agent-0931"));
        JsonNode need = await().atMost(Duration.ofSeconds(30)).until(() -> needWithSource(id), Optional::isPresent)
                .orElseThrow();
        assertEquals("12345", need.path("source").asText());
        assertEquals(h, need.path("householdId").asLong());
        assertEquals("12345-agent-0931", need.path("takenBy").asText());
        assertEquals("降压药", need.path("items").get(0).path("name").asText());
        assertTrue(need.path("buysGoods").asBoolean());
    }

    @Test
    void a_grid_report_finds_the_household_by_any_spelling_of_its_phone() {
        String phone = phone();
        long h = http().household(COMMUNITY, phone);
        String id = "grid-" + UUID.randomUUID();
        send(new WorkOrderReceived("GRID", id, null, "+86 " + phone.substring(0, 3) + " " + phone.substring(3),
                "ENVIRONMENT_SAFETY", "TODAY", "楼道堆放杂物", null, Map.of("place", "3号楼1单元楼道"), null, null,
                "grid-member-liu"));
        JsonNode need = await().atMost(Duration.ofSeconds(30)).until(() -> needWithSource(id), Optional::isPresent)
                .orElseThrow();
        assertEquals(h, need.path("householdId").asLong());
        assertEquals("GRID", need.path("source").asText());
        assertEquals("3号楼1单元楼道", need.path("details").path("place").asText());
    }

    @Test
    void the_same_work_order_twice_is_recorded_once() {
        long h = http().household(COMMUNITY, phone());
        String id = "BJ-" + UUID.randomUUID();
        send(repair(id, h, null));
        send(repair(id, h, null)); // resent by 12345 with a new event id
        String marker = "BJ-" + UUID.randomUUID();
        send(new WorkOrderReceived("12345", marker, h, null, "HOME_CARE", "TODAY", "打扫", null, null, null, null,
                "agent"));
        // messages of one community are consumed in order: once the next is in, both copies were handled
        await().atMost(Duration.ofSeconds(30)).until(() -> needWithSource(marker).isPresent());
        assertEquals(1, count(id));
    }

    @Test
    void a_work_order_about_an_open_need_attaches_to_it() {
        long h = http().household(COMMUNITY, phone());
        long open = http().post("/api/needs", Map.of("householdId", h, "category", "REPAIRS", "urgency", "TODAY",
                "description", "水管", "details", Map.of("whatIsBroken", "水管"))).id();
        String id = "BJ-" + UUID.randomUUID();
        send(repair(id, h, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode e : http().get("/api/needs/" + open + "/history").body()) {
                if (e.path("eventType").asText().equals("RepeatCall") && e.path("detail").asText().contains(id)) {
                    return true;
                }
            }
            return false;
        });
        assertEquals(0, count(id));
    }

    @Test
    void an_invalid_work_order_goes_to_the_dead_letter_topic_with_field_and_reason() {
        long h = http().household(COMMUNITY, phone());
        String noDetail = "BJ-" + UUID.randomUUID();
        send(new WorkOrderReceived("12345", noDetail, h, null, "REPAIRS", "TODAY", "坏了", null, null, null, null,
                "agent"));
        String reason1 = reasonFor(noDetail);
        assertTrue(reason1.startsWith("details.whatIsBroken: "), reason1);

        String unknownCategory = "BJ-" + UUID.randomUUID();
        send(new WorkOrderReceived("12345", unknownCategory, h, null, "TELEPORT", "TODAY", "x", null, null, null, null,
                "agent"));
        String reason2 = reasonFor(unknownCategory);
        assertTrue(reason2.startsWith("category: must be one of"), reason2);

        String blankItem = "BJ-" + UUID.randomUUID();
        send(new WorkOrderReceived("12345", blankItem, h, null, "ERRANDS", "TODAY", "买菜",
                List.of(new NeedItem("挂面", 1, null, null), new NeedItem(" ", 1, null, null)), null, null, null,
                "agent"));
        String reason3 = reasonFor(blankItem);
        assertTrue(reason3.startsWith("items[1].name: "), reason3);

        String pastAppointment = "BJ-" + UUID.randomUUID();
        Instant past = Instant.now().minus(Duration.ofHours(3));
        send(new WorkOrderReceived("12345", pastAppointment, h, null, "MEALS", "TODAY", "午饭", null, null, null,
                new Window("APPOINTMENT", past, past.plus(Duration.ofHours(1))), "agent"));
        String reason4 = reasonFor(pastAppointment);
        assertTrue(reason4.startsWith("window.start: must be in the future"), reason4);

        String nobody = "BJ-" + UUID.randomUUID();
        send(repair(nobody, null, "01099998888"));
        String reason5 = reasonFor(nobody);
        assertTrue(reason5.startsWith("householdPhone: "), reason5);

        String badSource = "X-" + UUID.randomUUID();
        send(new WorkOrderReceived("WECHAT", badSource, h, null, "MEALS", "TODAY", "午饭", null, null, null, null,
                "agent"));
        String reason6 = reasonFor(badSource);
        assertTrue(reason6.startsWith("source: "), reason6);

        String noReporter = "BJ-" + UUID.randomUUID();
        send(new WorkOrderReceived("12345", noReporter, h, null, "MEALS", "TODAY", "午饭", null, null, null, null,
                null));
        String reason7 = reasonFor(noReporter);
        assertTrue(reason7.startsWith("reportedBy: "), reason7);
        assertEquals(0, count(noDetail) + count(unknownCategory) + count(blankItem) + count(pastAppointment));
    }

    @Test
    void malformed_messages_go_to_the_dead_letter_topic_too() {
        String garbage = "{not json " + UUID.randomUUID();
        send(garbage);
        String reason8 = reasonFor(garbage);
        assertTrue(reason8.startsWith("not an event envelope"), reason8);

        String marker = UUID.randomUUID().toString();
        String wrongShape = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"WorkOrderReceived\","
                + "\"schemaVersion\":1,\"occurredAt\":\"2026-11-23T09:00:00Z\",\"communityId\":\"" + COMMUNITY + "\","
                + "\"aggregateId\":\"intake-12345-" + marker + "\",\"payload\":{\"source\":\"12345\",\"sourceId\":\""
                + marker + "\",\"householdId\":\"not a number\"}}";
        send(wrongShape);
        String reason9 = reasonFor(marker);
        assertTrue(reason9.startsWith("payload does not fit WorkOrderReceived"), reason9);

        try (TopicProbe dead = TopicProbe.open(Topics.DEAD_LETTER)) {
            dead.await(v -> v.contains(marker));
        }
    }
}
