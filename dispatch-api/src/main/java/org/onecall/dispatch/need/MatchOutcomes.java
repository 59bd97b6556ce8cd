package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.onecall.dispatch.complaint.Complaints;
import org.onecall.dispatch.inbox.Inbox;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.EventEnvelope;
import org.onecall.events.EventPayload;
import org.onecall.events.MatchEvents;
import org.onecall.events.MatchEvents.MatchNotFound;
import org.onecall.events.MatchEvents.MatchProposed;
import org.onecall.events.NeedEvents.NeedUnmatched;
import org.onecall.events.NeedEvents.OfferMade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the matcher's proposals into offers, or refuses them when the world has moved on. The
 * matcher only proposes; this is where "two volunteers can never hold the same need" is enforced,
 * by the lifecycle's compare-and-set on the need's status and matching round.
 */
@Singleton
class MatchOutcomes {

    static final String CONSUMER = "dispatch-api.matches";
    /** After this many rounds of stale proposals the need goes to the coordinator instead of looping. */
    static final int MAX_ROUNDS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(MatchOutcomes.class);

    enum Outcome { OFFERED, UNMATCHED, REMATCHING, STALE, DUPLICATE, IGNORED }

    private final NeedService service;
    private final NeedRepository needs;
    private final Lifecycle lifecycle;
    private final Volunteers volunteers;
    private final Merchants merchants;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Complaints complaints;

    MatchOutcomes(NeedService service, NeedRepository needs, Lifecycle lifecycle, Volunteers volunteers,
                  Merchants merchants, Inbox inbox, Outbox outbox, Complaints complaints) {
        this.complaints = complaints;
        this.merchants = merchants;
        this.service = service;
        this.needs = needs;
        this.lifecycle = lifecycle;
        this.volunteers = volunteers;
        this.inbox = inbox;
        this.outbox = outbox;
    }

    @Transactional
    Outcome apply(EventEnvelope envelope) {
        if (!inbox.firstTime(CONSUMER, envelope.eventId())) {
            return Outcome.DUPLICATE;
        }
        EventPayload payload = envelope.typedPayload();
        if (payload instanceof MatchProposed p) {
            return proposed(p);
        }
        if (payload instanceof MatchNotFound n) {
            return notFound(n);
        }
        return Outcome.IGNORED;
    }

    private Outcome proposed(MatchProposed p) {
        Optional<Need> found = needs.findById(p.needId());
        if (found.isEmpty() || found.get().status() != NeedStatus.MATCHING || found.get().matchAttempt() != p.attempt()) {
            LOG.debug("stale proposal for need {} round {}", p.needId(), p.attempt());
            return Outcome.STALE;
        }
        Need need = found.get();
        Optional<Volunteer> volunteer = volunteers.find(p.volunteerId());
        // status, duty, leave, weekly hours and load, judged by our clock (for an appointment: over its
        // window, and against the appointments they hold): the matcher's view may be behind
        if (volunteer.isEmpty() || !volunteers.canTakeJob(volunteer.get(), need.windowStart(), need.windowEnd())
                || !volunteer.get().communityId().equals(need.communityId())
                // a matcher that does not honour the exclusion list must not hand the need back to them
                || complaints.volunteersComplainedAbout(need.id()).contains(p.volunteerId())) {
            // the matcher's view was behind ours: ask again rather than offer to someone who cannot come
            if (need.matchAttempt() >= MAX_ROUNDS) {
                return unmatched(need, "proposals kept naming volunteers who were no longer available",
                        "几次推荐的志愿者都已不能接单");
            }
            service.startMatching(need, "system", "proposed volunteer " + p.volunteerId() + " is not available");
            return Outcome.REMATCHING;
        }
        Volunteer v = volunteer.get();
        // the merchant's day may be full by our count (or it closed): the volunteer still goes, buying elsewhere
        Long merchant = p.merchantId() != null && merchants.countJob(p.merchantId(), need.communityId())
                ? p.merchantId() : null;
        Offer offer = service.createOffer(need, v, p.distanceMeters(), merchant);
        service.recordScore(offer, p.score(), p.parts());
        Need offered = lifecycle.move(need, need.withStatus(NeedStatus.OFFERED), "OfferMade", "matcher",
                "offered to volunteer " + v.id() + " (" + p.distanceMeters() + " m)"
                        + (merchant != null ? ", buying at merchant " + merchant
                        : p.merchantId() != null ? ", not at merchant " + p.merchantId() + " (full today or closed)"
                        : "") + ": " + p.rationale()
                        + (p.parts().isEmpty() ? "" : " — " + ScoreParts.words(p.parts()) + " (score " + p.score() + ")"));
        var view = service.view(offer);
        outbox.needEvent(need.communityId(), new OfferMade(offer.id(), need.id(), v.id(), need.category(),
                need.urgency().name(), view.approximatePlace(), p.distanceMeters(), offer.expiresAt(),
                need.windowStart(), need.windowEnd()));
        if (need.urgency() == Urgency.URGENT) {
            ringAlternates(offered, p, view.approximatePlace());
        }
        return Outcome.OFFERED;
    }

    /**
     * An urgent need rings the matcher's next-best candidates too (contract C3): each gets a pending offer
     * at once, the first acceptance wins by the lifecycle's compare-and-set and the others are withdrawn.
     * Alternates are judged again by our clock, like the first choice.
     */
    private void ringAlternates(Need need, MatchProposed p, String approximatePlace) {
        List<Long> complainedAbout = complaints.volunteersComplainedAbout(need.id());
        List<String> rung = new ArrayList<>();
        for (MatchEvents.Alternate alternate : p.alternates()) {
            Optional<Volunteer> found = volunteers.find(alternate.volunteerId());
            if (alternate.volunteerId() == p.volunteerId() || found.isEmpty()
                    || !found.get().communityId().equals(need.communityId())
                    || !volunteers.canTakeJob(found.get(), need.windowStart(), need.windowEnd())
                    || complainedAbout.contains(alternate.volunteerId())) {
                continue;
            }
            Offer offer = service.createOffer(need, found.get(), alternate.distanceMeters(), null);
            service.recordScore(offer, alternate.score(), alternate.parts());
            outbox.needEvent(need.communityId(), new OfferMade(offer.id(), need.id(), alternate.volunteerId(),
                    need.category(), need.urgency().name(), approximatePlace, alternate.distanceMeters(),
                    offer.expiresAt(), need.windowStart(), need.windowEnd()));
            rung.add("volunteer " + alternate.volunteerId() + " (" + alternate.distanceMeters() + " m)");
        }
        if (!rung.isEmpty()) {
            lifecycle.note(need, "OfferMade", "matcher",
                    "urgent: also offered to " + String.join(", ", rung) + "; the first to accept takes it");
        }
    }

    private Outcome notFound(MatchNotFound n) {
        Optional<Need> found = needs.findById(n.needId());
        if (found.isEmpty() || found.get().status() != NeedStatus.MATCHING || found.get().matchAttempt() != n.attempt()) {
            return Outcome.STALE;
        }
        return unmatched(found.get(), n.reason(), n.reasonZh());
    }

    private Outcome unmatched(Need need, String reason, @Nullable String reasonZh) {
        lifecycle.move(need, need.withStatus(NeedStatus.UNMATCHED), "NeedUnmatched", "matcher", reason);
        outbox.needEvent(need.communityId(), new NeedUnmatched(need.id(), need.matchAttempt(), reason, reasonZh));
        return Outcome.UNMATCHED;
    }
}
