package org.onecall.dispatch.household;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.kit.Refusal;
import org.onecall.kit.security.CurrentCaller;

@Singleton
public class Households {

    private final HouseholdRepository households;
    private final CommunityRepository communities;
    private final Clock clock;
    private final CurrentCaller caller;

    Households(HouseholdRepository households, CommunityRepository communities, Clock clock, CurrentCaller caller) {
        this.households = households;
        this.communities = communities;
        this.clock = clock;
        this.caller = caller;
    }

    @Transactional
    public Household register(String communityId, NewHousehold r) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        return households.save(new Household(null, communityId, r.grid(), r.headName().strip(), digits(r.phone()),
                r.building().strip(), r.address().strip(), r.lat(), r.lon(), clock.instant()));
    }

    /** Only households of the caller's communities: an operator cannot look up another hotline's residents. */
    public List<Household> byPhone(String phone) {
        return households.findByPhone(digits(phone)).stream()
                .filter(h -> caller.get().map(c -> c.serves(h.communityId())).orElse(true)).toList();
    }

    public Household get(long id) {
        return households.findById(id).orElseThrow(() -> Refusal.notFound("household", id));
    }

    /** Stored and searched in one form; full Chinese phone normalisation is issue 3's. */
    static String digits(String phone) {
        String d = phone.replaceAll("[^0-9]", "");
        return d.startsWith("86") && d.length() == 13 ? d.substring(2) : d;
    }
}
