package org.onecall.dispatch.circle;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import java.util.List;
import org.onecall.dispatch.merchant.Merchant;
import org.onecall.dispatch.merchant.MerchantChanged;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.VolunteerChanged;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every volunteer and merchant is, in memory: rebuilt from the database at start, then
 * kept current by each committed change (a rolled-back import leaves no trace here). Each
 * dispatch-api instance keeps its own; they agree because they all read the same database at
 * start and see their own writes afterwards (writes made by another instance reach this one's
 * map only at its next start: a known limit while several instances run).
 */
@Singleton
class ResourceMap {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceMap.class);

    private final Volunteers volunteers;
    private final Merchants merchants;
    private final GridBuckets<Volunteer> volunteerCells = new GridBuckets<>();
    private final GridBuckets<Merchant> merchantCells = new GridBuckets<>();

    ResourceMap(Volunteers volunteers, Merchants merchants) {
        this.volunteers = volunteers;
        this.merchants = merchants;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        rebuild();
    }

    void rebuild() {
        volunteerCells.clear();
        merchantCells.clear();
        volunteers.all().forEach(this::put);
        merchants.all().forEach(this::put);
        LOG.info("service-circle index rebuilt: {} volunteers, {} merchants", volunteerCells.size(),
                merchantCells.size());
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onVolunteer(VolunteerChanged changed) {
        put(changed.volunteer());
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onMerchant(MerchantChanged changed) {
        put(changed.merchant());
    }

    List<GridBuckets.Hit<Volunteer>> volunteersWithin(String communityId, Location at, double metres) {
        return volunteerCells.within(at, metres).stream()
                .filter(h -> h.value().communityId().equals(communityId)).toList();
    }

    List<GridBuckets.Hit<Merchant>> merchantsWithin(String communityId, Location at, double metres) {
        return merchantCells.within(at, metres).stream()
                .filter(h -> h.value().communityId().equals(communityId)).toList();
    }

    private void put(Volunteer v) {
        volunteerCells.put("volunteer-" + v.id(), v.home(), v);
    }

    private void put(Merchant m) {
        merchantCells.put("merchant-" + m.id(), m.location(), m);
    }
}
