package org.onecall.dispatch.household;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.kit.Refusal;

@Singleton
public class Households {

    private final HouseholdRepository households;
    private final CommunityRepository communities;
    private final Clock clock;

    Households(HouseholdRepository households, CommunityRepository communities, Clock clock) {
        this.households = households;
        this.communities = communities;
        this.clock = clock;
    }

    @Transactional
    public Household register(String communityId, NewHousehold r) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        return households.save(new Household(null, communityId, r.grid(), r.headName().strip(), digits(r.phone()),
                r.building().strip(), r.address().strip(), r.lat(), r.lon(), clock.instant()));
    }

    public List<Household> byPhone(String phone) {
        return households.findByPhone(digits(phone));
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
