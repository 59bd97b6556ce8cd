package org.onecall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.onecall.kit.sms.SmsProvider;
import org.onecall.kit.sms.SmsTemplate;
import org.onecall.standalone.Standalone;
import org.onecall.testsupport.SimulatedPhones;

/**
 * bench/run notify: how long people wait to be told, on the standalone product with its SMS
 * simulator, one need at a time. Every demo volunteer takes offers by SMS only (a basic phone):
 * <ul>
 * <li>POST /api/needs until the offer's text is on the chosen volunteer's phone (intake, matching,
 * the offer, the notifier, the provider), and of that the part after the need is OFFERED;</li>
 * <li>the volunteer's reply "1" from their phone until the household's phone says who is coming: the
 * provider's reply callback, dispatch-api accepting, the event, the notifier asking dispatch-api for
 * the words and, in a second audited call, the number, and the provider again.</li>
 * </ul>
 * The baseline, in the same run: one signed SendSms through the same adapter straight to the
 * simulator, which is what any of the above pays for the provider itself. Quiet hours are off, so
 * the figures do not depend on the time of day. Ends with one JSON line.
 */
public final class NotifyBench {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int needs = quick ? 10 : 120;
        int warmup = quick ? 2 : 10;
        int sends = quick ? 100 : 2000;
        Path dir = Bench.tempDir("onecall-bench-notify-");
        String url = "jdbc:h2:file:" + dir.resolve("dispatch").toAbsolutePath()
                + Standalone.H2_OPTIONS;
        System.err.println("notify: starting the standalone product (H2, embedded broker, SMS simulator)...");
        try (Standalone app = Bench.start(dir, url, "sa", "", Map.of("onecall.notifier.sms.quiet-hours", ""))) {
            Bench.Stats provider = providerSends(app, sends);
            Told told = tell(app, warmup, needs);

            System.out.println();
            System.out.printf("notify: standalone product (H2 file, embedded KRaft broker, SMS simulator), sequential,"
                    + " %d needs after %d warm-up, volunteers on SMS only; %d direct sends%s%n", needs, warmup, sends,
                    quick ? " (--quick)" : "");
            System.out.printf("%-52s %6s %9s %9s %9s%n", "what", "n", "p50 ms", "p99 ms", "max ms");
            row("POST /api/needs -> offer SMS on the volunteer's phone", told.offerSms);
            row("  of which: need OFFERED -> offer SMS on the phone", told.offeredToSms);
            row("SMS reply 1 -> resident's phone says who is coming", told.residentSms);
            row("baseline: one signed SendSms, same adapter", provider);
            System.out.printf("offers not texted within %d s: %d; residents not texted: %d%n", PATIENCE.toSeconds(),
                    told.offerMissed, told.residentMissed);

            Map<String, Object> json = new LinkedHashMap<>();
            json.put("bench", "notify");
            json.put("quick", quick);
            json.put("needs", needs);
            json.put("offerNotTexted", told.offerMissed);
            json.put("residentNotTexted", told.residentMissed);
            json.put("needToOfferSms", Bench.json(told.offerSms));
            json.put("offeredToOfferSms", Bench.json(told.offeredToSms));
            json.put("replyToResidentSms", Bench.json(told.residentSms));
            json.put("providerSend", Bench.json(provider));
            System.out.println(Bench.write(json));
        }
        System.exit(0);
    }

    record Told(Bench.Stats offerSms, Bench.Stats offeredToSms, Bench.Stats residentSms, int offerMissed,
                int residentMissed) {
    }

    private static Told tell(Standalone app, int warmup, int n) throws Exception {
        DataSource db = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                .unwrapDataSource(app.context().getBean(DataSource.class));
        SimulatedPhones phones = new SimulatedPhones(app.smsUrl());
        Bench.Http admin = new Bench.Http(app.url()).signIn("admin", Bench.DEMO_PASSWORD);
        Bench.Http operator = new Bench.Http(app.url()).signIn("operator-wang", Bench.DEMO_PASSWORD);
        for (long v : longs(db, "SELECT id FROM volunteer WHERE community_id = ?", Bench.DEMO_COMMUNITY)) {
            admin.put("/notify/volunteers/" + v + "/channels", Map.of("channels", "SMS"));
        }
        List<Long> homes = longs(db, "SELECT DISTINCT household_id FROM household_phone p JOIN household h"
                + " ON h.id = p.household_id WHERE h.community_id = ? AND p.kind = 'MOBILE'", Bench.DEMO_COMMUNITY);
        long[] offerSms = new long[n];
        long[] offeredToSms = new long[n];
        long[] residentSms = new long[n];
        int offers = 0;
        int residents = 0;
        int offerMissed = 0;
        int residentMissed = 0;
        for (int i = 0; i < warmup + n; i++) {
            long household = homes.get(i % homes.size());
            String home = text(db, "SELECT local_number FROM household_phone WHERE household_id = ? AND kind = 'MOBILE'"
                    + " ORDER BY position", household);
            int homeBefore = phones.received(home).size();
            long t0 = System.nanoTime();
            long need = operator.post("/api/needs", Map.of("householdId", household, "category", "MEALS",
                    "urgency", "TODAY", "description", "午饭送到家 notify bench", "separate", true)).get("id").asLong();
            long[] offer = awaitOffer(db, need);
            long tOffered = System.nanoTime();
            boolean measured = i >= warmup;
            if (offer == null) {
                offerMissed += measured ? 1 : 0;
                operator.post("/api/needs/" + need + "/cancellation", Map.of("reason", "bench"));
                continue;
            }
            String phone = text(db, "SELECT phone FROM volunteer WHERE id = ?", offer[1]);
            Long tSms = awaitText(phones, phone, "#" + need);
            if (measured) {
                if (tSms == null) {
                    offerMissed++;
                } else {
                    offerSms[offers] = tSms - t0;
                    offeredToSms[offers] = Math.max(0, tSms - tOffered);
                    offers++;
                }
            }
            // the volunteer answers as a basic phone does: "1" (accept) from their number
            long t1 = System.nanoTime();
            phones.reply(phone, "1");
            Long tHome = awaitMessage(phones, home, homeBefore);
            if (measured) {
                if (tHome == null) {
                    residentMissed++;
                } else {
                    residentSms[residents++] = tHome - t1;
                }
            }
            // frees the volunteer for the next need (the resident is told of that too, unmeasured)
            operator.post("/api/needs/" + need + "/cancellation", Map.of("reason", "bench"));
        }
        return new Told(Bench.Stats.of(offerSms, offers), Bench.Stats.of(offeredToSms, offers),
                Bench.Stats.of(residentSms, residents), offerMissed, residentMissed);
    }

    /** The pending offer of the need: {offer id, volunteer id}, or null when none came in time. */
    private static long[] awaitOffer(DataSource db, long need) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try (var c = db.getConnection(); var s = c.prepareStatement(
                    "SELECT id, volunteer_id FROM offer WHERE need_id = ? AND status = 'PENDING' ORDER BY id")) {
                s.setLong(1, need);
                try (var rs = s.executeQuery()) {
                    if (rs.next()) {
                        return new long[] {rs.getLong(1), rs.getLong(2)};
                    }
                }
            }
            Thread.sleep(0, 500_000);
        }
        return null;
    }

    /** When a text containing {@code mark} was first seen on the phone, or null. */
    private static Long awaitText(SimulatedPhones phones, String phone, String mark) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (phones.received(phone).stream().anyMatch(t -> t.contains(mark))) {
                return System.nanoTime();
            }
            Thread.sleep(1);
        }
        return null;
    }

    /** When the phone first held more than {@code before} received texts, or null. */
    private static Long awaitMessage(SimulatedPhones phones, String phone, int before) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (phones.received(phone).size() > before) {
                return System.nanoTime();
            }
            Thread.sleep(1);
        }
        return null;
    }

    /** The provider alone: the notifier's own adapter (signing, HTTP, the simulator's checks and record). */
    private static Bench.Stats providerSends(Standalone app, int n) {
        SmsProvider provider = app.context().getBean(SmsProvider.class);
        int warmup = Math.max(20, n / 10);
        long[] samples = new long[n];
        for (int i = 0; i < warmup + n; i++) {
            long t0 = System.nanoTime();
            SmsProvider.Sent sent = provider.send("13700000000", SmsTemplate.RESIDENT_NOTICE,
                    Map.of("text", "基准测试短信 " + i), "bench" + i);
            long t1 = System.nanoTime();
            if (!sent.accepted()) {
                throw new IllegalStateException("the simulator refused a send: " + sent);
            }
            if (i >= warmup) {
                samples[i - warmup] = t1 - t0;
            }
        }
        return Bench.Stats.of(samples, n);
    }

    private static List<Long> longs(DataSource db, String sql, Object arg) throws Exception {
        List<Long> out = new ArrayList<>();
        try (var c = db.getConnection(); var s = c.prepareStatement(sql)) {
            s.setObject(1, arg);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static String text(DataSource db, String sql, Object arg) throws Exception {
        try (var c = db.getConnection(); var s = c.prepareStatement(sql)) {
            s.setObject(1, arg);
            try (var rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("nothing for " + sql + " with " + arg);
                }
                return rs.getString(1);
            }
        }
    }

    private static void row(String what, Bench.Stats s) {
        System.out.printf("%-52s %6d %9.2f %9.2f %9.1f%n", what, s.count(), s.p50(), s.p99(), s.max());
    }


    private NotifyBench() {
    }
}
