package org.onecall.dispatch.merchant;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.events.Location;
import org.onecall.events.ResourceEvents.MerchantStateChanged;

/** Merchants and partner units; the full list (hours, capacity per category, imports) is issue 4's. */
@Singleton
public class Merchants {

    private final MerchantRepository merchants;
    private final Outbox outbox;
    private final Clock clock;

    Merchants(MerchantRepository merchants, Outbox outbox, Clock clock) {
        this.merchants = merchants;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Merchant register(String communityId, String name, List<String> categories, double lat, double lon,
                             int dailyCapacity) {
        Merchant m = merchants.save(new Merchant(null, communityId, name, String.join(",", categories), lat, lon,
                true, dailyCapacity, clock.instant()));
        outbox.resourceState(communityId, new MerchantStateChanged(m.id(), communityId, name, categories,
                new Location(lat, lon), m.isOpen(), dailyCapacity));
        return m;
    }

    public List<Merchant> inCommunity(String communityId) {
        return merchants.findByCommunityId(communityId);
    }

    static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
