package org.onecall.dispatch.hours;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.onecall.dispatch.audit.Audit;
import org.onecall.dispatch.rates.Period;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.kit.Refusal;
import org.onecall.kit.security.CurrentCaller;

/**
 * Volunteer hours: credited once per job when it is confirmed (the resident's rating at the call-back,
 * or a coordinator), summed into star levels (志愿北京: 100 / 300 / 600 / 1,000 / 1,500 hours by
 * default) and exported for the city's volunteer platform.
 */
@Singleton
public class Hours {

    /** One job to credit: service time from {@code start} (arrival) to {@code end} (completion). */
    public record Credit(String communityId, long volunteerId, long needId, String content, String place,
                         Instant start, Instant end, @Nullable Integer rating, String confirmedBy) {
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final HoursRepository records;
    private final Volunteers volunteers;
    private final CurrentCaller caller;
    private final Audit audit;
    private final Clock clock;
    private final List<Integer> starLevels;

    Hours(HoursRepository records, Volunteers volunteers, CurrentCaller caller, Audit audit, Clock clock,
          @Value("${onecall.hours.star-levels:100,300,600,1000,1500}") String starLevels) {
        this.records = records;
        this.volunteers = volunteers;
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
        this.starLevels = Arrays.stream(starLevels.split(",")).map(String::strip).map(Integer::valueOf).sorted()
                .toList();
    }

    /** Records the job's hours unless this stretch of service was credited already (a second rating). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean credit(Credit c) {
        if (c.end().isBefore(c.start())
                || records.existsByNeedIdAndVolunteerIdAndStartedAt(c.needId(), c.volunteerId(), c.start())) {
            return false;
        }
        int minutes = (int) Duration.between(c.start(), c.end()).toMinutes();
        records.save(new HoursRecord(null, c.communityId(), c.volunteerId(), c.needId(), clip(c.content(), 2000),
                clip(c.place(), 200), c.start(), c.end(), minutes, c.rating(), c.confirmedBy(), clock.instant()));
        return true;
    }

    /** The volunteer's hours, star level and the records behind them, newest first. */
    Summary of(long volunteerId) {
        Volunteer v = volunteers.get(volunteerId);
        List<HoursRecord> list = records.findByVolunteerIdOrderByStartedAtDesc(volunteerId);
        int minutes = list.stream().mapToInt(HoursRecord::minutes).sum();
        double hours = hours(minutes);
        int stars = (int) starLevels.stream().filter(level -> hours >= level).count();
        Integer next = stars < starLevels.size() ? starLevels.get(stars) : null;
        return new Summary(v.id(), v.name(), minutes, hours, stars, next,
                next == null ? null : Math.round((next - hours) * 10) / 10.0, starLevels,
                list.stream().map(r -> new Summary.Entry(r.needId(), r.content(), r.place(), r.startedAt(),
                        r.endedAt(), r.minutes(), hours(r.minutes()), r.rating(), r.confirmedBy())).toList());
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Summary(long volunteerId, String name, int totalMinutes, double totalHours, int stars,
                   @Nullable Integer nextStarAtHours, @Nullable Double hoursToNextStar, List<Integer> starLevels,
                   List<Entry> records) {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        record Entry(long needId, String content, String place, Instant startedAt, Instant endedAt, int minutes,
                     double hours, @Nullable Integer rating, String confirmedBy) {
        }
    }

    /**
     * The community's hours of the period as CSV for the city's volunteer platform: one line per job,
     * with the identity it needs (volunteer number, name, phone). Holds phones: the export is audited.
     */
    @Transactional
    String export(String communityId, Period period) {
        caller.requireCommunity(communityId);
        ZoneId zone = volunteers.zone();
        List<HoursRecord> list = records.inCommunity(communityId, period.start(), period.end());
        Map<Long, Volunteer> who = volunteers.byIds(list.stream().map(HoursRecord::volunteerId).distinct().toList())
                .stream().collect(Collectors.toMap(Volunteer::id, Function.identity()));
        StringBuilder csv = new StringBuilder("\uFEFF记录编号,志愿者编号,姓名,手机号,服务内容,服务地点,开始时间,结束时间,"
                + "服务时长(小时),服务对象评价,确认人\n");
        for (HoursRecord r : list) {
            Volunteer v = who.get(r.volunteerId());
            csv.append(r.id()).append(',').append(r.volunteerId()).append(',').append(Audit.csvCell(v.name()))
                    .append(',').append(Audit.csvCell(v.phone())).append(',').append(Audit.csvCell(r.content()))
                    .append(',').append(Audit.csvCell(r.place())).append(',')
                    .append(LOCAL.format(LocalDateTime.ofInstant(r.startedAt(), zone))).append(',')
                    .append(LOCAL.format(LocalDateTime.ofInstant(r.endedAt(), zone))).append(',')
                    .append(hours(r.minutes())).append(',').append(r.rating() == null ? "" : r.rating()).append(',')
                    .append(Audit.csvCell(r.confirmedBy())).append('\n');
        }
        audit.record(caller.username(), "EXPORT_HOURS", "community:" + communityId,
                "volunteer hours " + period.from() + " to " + period.to() + ", " + list.size() + " records");
        return csv.toString();
    }

    static double hours(int minutes) {
        return Math.round(minutes / 6.0) / 10.0;
    }

    private static String clip(String s, int max) {
        if (s == null || s.isBlank()) {
            throw Refusal.invalid("content", "must not be blank");
        }
        return s.length() > max ? s.substring(0, max) : s;
    }
}
