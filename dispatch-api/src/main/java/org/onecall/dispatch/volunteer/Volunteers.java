package org.onecall.dispatch.volunteer;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.events.Category;
import org.onecall.events.Location;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;
import org.onecall.kit.Refusal;

/** The volunteer list. Every change publishes the volunteer's whole state for the matcher's index. */
@Singleton
public class Volunteers {

    private final VolunteerRepository volunteers;
    private final CommunityRepository communities;
    private final Outbox outbox;
    private final Clock clock;

    Volunteers(VolunteerRepository volunteers, CommunityRepository communities, Outbox outbox, Clock clock) {
        this.volunteers = volunteers;
        this.communities = communities;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Volunteer register(String communityId, NewVolunteer r) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        String skills = r.skills().stream().distinct().map(Category::name).collect(Collectors.joining(","));
        var now = clock.instant();
        Volunteer v = volunteers.save(new Volunteer(null, communityId, r.name().strip(), r.phone().replaceAll("[^0-9+]", ""),
                skills, r.lat(), r.lon(), r.onDuty(), true, r.maxConcurrentJobs(), 0, now, now));
        publish(v);
        return v;
    }

    @Transactional
    public Volunteer setOnDuty(long id, boolean onDuty) {
        if (volunteers.setOnDuty(id, onDuty, clock.instant()) == 0) {
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

    public List<Volunteer> inCommunity(String communityId) {
        return volunteers.findByCommunityId(communityId);
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
        outbox.resourceState(v.communityId(), new VolunteerStateChanged(v.id(), v.communityId(), maskedName(v.name()),
                v.skillList(), new Location(v.lat(), v.lon()), v.onDuty(), v.active(), v.maxConcurrentJobs(),
                v.activeJobs()));
        return v;
    }

    /** The resources topic is read widely; it carries a family name, not the full name or phone. */
    static String maskedName(String name) {
        return name.isEmpty() ? name : name.substring(0, name.offsetByCodePoints(0, 1)) + "*";
    }
}
