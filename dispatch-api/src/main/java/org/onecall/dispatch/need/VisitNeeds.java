package org.onecall.dispatch.need;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.events.Category;
import org.onecall.events.NeedEvents.OfferMade;

/**
 * One-to-one pairing visits as needs (一帮一): a companionship visit by appointment, offered first and
 * directly to the paired volunteer, without asking the matcher. When that volunteer declines or lets the
 * offer lapse, the need goes on to normal matching like any other (NeedService.decline / expire).
 */
@Singleton
public class VisitNeeds {

    public static final String SOURCE = "PAIRING";

    private final Raising raising;
    private final Lifecycle lifecycle;
    private final NeedService service;
    private final OfferRepository offers;
    private final NeedRepository needs;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration offerTtl;

    VisitNeeds(Raising raising, Lifecycle lifecycle, NeedService service, OfferRepository offers, NeedRepository needs,
               Outbox outbox, Clock clock, @Value("${onecall.pairing.offer-ttl:2h}") Duration offerTtl) {
        this.raising = raising;
        this.lifecycle = lifecycle;
        this.service = service;
        this.offers = offers;
        this.needs = needs;
        this.outbox = outbox;
        this.clock = clock;
        this.offerTtl = offerTtl;
    }

    /**
     * Raises the visit and offers it to the paired volunteer; returns the need's id. The offer lapses
     * after the pairing TTL, or at the window's start if that comes first, so that normal matching still
     * has time to find someone.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public long raise(Household household, Volunteer paired, String description, Instant windowStart,
                      Instant windowEnd, String owner, String sourceId) {
        var request = new Requests.RaiseNeed(household.id(), Category.COMPANIONSHIP, Urgency.FLEXIBLE, description,
                List.of(), null, new Requests.Window(Requests.WindowKind.APPOINTMENT, windowStart, windowEnd),
                false, true);
        Need open = raising.record(request, owner, household, SOURCE, sourceId, false).need();
        Need matching = lifecycle.move(open, open.nextRound(), "MatchingStarted", "system",
                "一帮一: offered first to the paired volunteer " + paired.id());
        Instant now = clock.instant();
        Instant expires = now.plus(offerTtl).isBefore(windowStart) ? now.plus(offerTtl) : windowStart;
        Offer offer = offers.save(new Offer(null, matching.id(), paired.id(), matching.matchAttempt(),
                OfferStatus.PENDING, 0, now, expires.isAfter(now) ? expires : now.plus(offerTtl), null, null));
        lifecycle.move(matching, matching.withStatus(NeedStatus.OFFERED), "OfferMade", "system",
                "offered to volunteer " + paired.id() + " (paired, 一帮一)");
        var view = service.view(offer);
        outbox.needEvent(household.communityId(), new OfferMade(offer.id(), matching.id(), paired.id(),
                matching.category(), matching.urgency().name(), view.approximatePlace(), 0, offer.expiresAt(),
                windowStart, windowEnd));
        return matching.id();
    }

    /** Whether a volunteer arrived for the visit (it was made, whoever finally made it). */
    public boolean visited(long needId) {
        var need = needs.findById(needId).orElseThrow();
        return need.status() == NeedStatus.ON_SITE || need.status() == NeedStatus.DONE
                || need.status() == NeedStatus.CLOSED;
    }
}
