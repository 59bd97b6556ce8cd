package org.onecall.dispatch.volunteer;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.household.PhoneKind;
import org.onecall.dispatch.household.PhoneNumbers;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.events.Category;
import org.onecall.events.DatePeriod;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.events.TimeWindow;
import org.onecall.kit.Refusal;
import org.onecall.kit.UniqueViolation;

/** The volunteer list. Every change publishes the volunteer's whole state for the matcher's index. */
@Singleton
public class Volunteers {

    /** The unique constraint on (community_id, phone), V7. */
    static final String PHONE_ONCE = "volunteer_phone_once";

    private final VolunteerRepository volunteers;
    private final CommunityRepository communities;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId zone;
    private final ApplicationEventPublisher<VolunteerChanged> changed;
    private final VolunteerRecord record;

    Volunteers(VolunteerRepository volunteers, CommunityRepository communities, Outbox outbox, Clock clock,
               @Value("${onecall.community.time-zone:Asia/Shanghai}") String zone,
               ApplicationEventPublisher<VolunteerChanged> changed, VolunteerRecord record) {
        this.record = record;
        this.volunteers = volunteers;
        this.communities = communities;
        this.outbox = outbox;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        this.changed = changed;
    }

    @Transactional
    public Volunteer register(String communityId, NewVolunteer r) {
        return registerAll(communityId, List.of(r), done -> { }).get(0);
    }

    /**
     * Registers many in the caller's transaction (an import: all or nothing), inserting in batches
     * and reporting how many are done after each batch.
     */
    @Transactional
    public List<Volunteer> registerAll(String communityId, List<NewVolunteer> rows, IntConsumer progress) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        var now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<Volunteer> saved = new ArrayList<>(rows.size());
        int batch = 500;
        for (int from = 0; from < rows.size(); from += batch) {
            List<Volunteer> chunk = rows.subList(from, Math.min(rows.size(), from + batch)).stream()
                    .map(r -> newVolunteer(communityId, r, now, today)).toList();
            for (Volunteer v : saveAll(chunk)) {
                saved.add(publish(v));
            }
            progress.accept(saved.size());
        }
        return saved;
    }

    /**
     * The constraint, not a look-up first, decides: it also holds when two instances register the
     * same phone at the same moment.
     */
    private Iterable<Volunteer> saveAll(List<Volunteer> chunk) {
        try {
            return volunteers.saveAll(chunk);
        } catch (RuntimeException e) {
            if (UniqueViolation.of(e, PHONE_ONCE)) {
                throw Refusal.conflict("phone", chunk.size() == 1
                        ? "a volunteer with the phone " + chunk.get(0).phone() + " is already registered in "
                        + chunk.get(0).communityId()
                        : "a phone in these rows is already registered in " + chunk.get(0).communityId());
            }
            throw e;
        }
    }

    private static Volunteer newVolunteer(String communityId, NewVolunteer r, Instant now, LocalDate today) {
        String skills = r.skills().stream().distinct().map(Category::name).collect(Collectors.joining(","));
        String languages = r.languages().stream().map(String::strip).distinct().collect(Collectors.joining(","));
        return new Volunteer(null, communityId, r.name().strip(), phoneDigits(r.phone()), skills, r.lat(), r.lon(),
                r.onDuty(), r.status() == VolunteerStatus.ACTIVE, r.maxConcurrentJobs(), 0, now, now, r.kind(),
                r.grid() == null || r.grid().isBlank() ? null : r.grid().strip(), languages,
                TimeWindow.formatAll(r.availability()), DatePeriod.formatAll(r.leave()),
                r.joinedOn() == null ? today : r.joinedOn());
    }

    /**
     * Volunteers are looked up (SMS sign-in) and kept unique per community by phone in one form, so
     * {@code +86 138-0001-0001} and {@code 13800010001} are the same volunteer: a Chinese mobile as
     * its 11 digits, a landline with its trunk 0 and area code ({@code 01069200004}); anything else
     * as its digits (and a leading +).
     */
    public static String phoneDigits(String phone) {
        try {
            PhoneNumbers.Normalised n = PhoneNumbers.normalise(phone);
            return n.kind() == PhoneKind.MOBILE ? n.localNumber() : "0" + n.e164().substring(3);
        } catch (IllegalArgumentException e) {
            return phone.replaceAll("[^0-9+]", "");
        }
    }

    @Transactional
    public Volunteer setOnDuty(long id, boolean onDuty) {
        if (volunteers.setOnDuty(id, onDuty, clock.instant()) == 0) {
            throw Refusal.notFound("volunteer", id);
        }
        return publish(get(id));
    }

    @Transactional
    public Volunteer setStatus(long id, VolunteerStatus status) {
        if (volunteers.setActive(id, status == VolunteerStatus.ACTIVE, clock.instant()) == 0) {
            throw Refusal.notFound("volunteer", id);
        }
        return publish(get(id));
    }

    @Transactional
    public Volunteer setCalendar(long id, List<TimeWindow> availability, List<DatePeriod> leave) {
        if (volunteers.setCalendar(id, TimeWindow.formatAll(availability), DatePeriod.formatAll(leave),
                clock.instant()) == 0) {
            throw Refusal.notFound("volunteer", id);
        }
        return publish(get(id));
    }

    public Volunteer get(long id) {
        return volunteers.findById(id).orElseThrow(() -> Refusal.notFound("volunteer", id));
    }

    public Optional<Volunteer> find(long id) {
        return volunteers.findById(id);
    }

    /** For SMS sign-in: the active volunteer registered with this (digits-only) phone. */
    public Optional<Volunteer> findByPhone(String phone) {
        return volunteers.findByPhone(phone).stream().filter(Volunteer::active).findFirst();
    }

    public List<Volunteer> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : volunteers.findByIdIn(ids);
    }

    public List<Volunteer> inCommunity(String communityId) {
        return volunteers.findByCommunityId(communityId);
    }

    public Iterable<Volunteer> all() {
        return volunteers.findAll();
    }

    public Set<String> phonesIn(String communityId) {
        return new HashSet<>(volunteers.findPhoneByCommunityId(communityId));
    }

    /** Whether a job may be offered to this volunteer right now: status, duty, leave, hours and load. */
    public boolean canTakeJobNow(Volunteer v) {
        return v.canTakeJobAt(clock.instant(), zone);
    }

    /**
     * {@link #canTakeJobNow} for as soon as possible; for an appointment (both ends given) the rule the
     * matcher applies, on our own state: not suspended, no leave, within the hours over the whole window
     * and no held appointment overlapping it.
     */
    public boolean canTakeJob(Volunteer v, Instant windowStart, Instant windowEnd) {
        if (windowStart == null || windowEnd == null) {
            return canTakeJobNow(v);
        }
        return state(v).unavailableOver(windowStart, windowEnd).isEmpty();
    }


    public ZoneId zone() {
        return zone;
    }

    /** Returns false when the volunteer went off duty or filled up since the proposal: a result, not an error. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean takeJob(long id) {
        if (volunteers.takeJob(id, clock.instant()) == 0) {
            return false;
        }
        publish(get(id));
        return true;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void releaseJob(long id) {
        volunteers.releaseJob(id, clock.instant());
        publish(get(id));
    }

    private Volunteer publish(Volunteer v) {
        outbox.resourceState(v.communityId(), state(v));
        changed.publishEvent(new VolunteerChanged(v));
        return v;
    }

    VolunteerStateChanged state(Volunteer v) {
        return new VolunteerStateChanged(v.id(), v.communityId(), maskedName(v.name()), v.skillList(), v.home(),
                v.onDuty(), v.active(), v.maxConcurrentJobs(), v.activeJobs(), v.status().name(),
                v.availabilityWindows(), v.leave(), v.languageList(), zone.getId(),
                v.kind() == null ? null : v.kind().name(), record.jobsThisWeek(v.id()), record.rating(v.id()),
                record.held(v.id()));
    }

    /** The resources topic is read widely; it carries a family name, not the full name or phone. */
    static String maskedName(String name) {
        return name.isEmpty() ? name : name.substring(0, name.offsetByCodePoints(0, 1)) + "*";
    }
}
