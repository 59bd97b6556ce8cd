package org.onecall.dispatch.need;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.NeedEvents.FeedbackReceived;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.NeedEvents.NeedCancelled;
import org.onecall.events.NeedEvents.NeedClosed;
import org.onecall.events.NeedEvents.NeedCompleted;
import org.onecall.events.NeedEvents.NeedReopened;
import org.onecall.events.NeedEvents.OfferAccepted;
import org.onecall.events.NeedEvents.OfferDeclined;
import org.onecall.events.NeedEvents.OfferExpired;
import org.onecall.events.NeedEvents.VolunteerArrived;
import org.onecall.kit.Refusal;
import org.onecall.kit.security.Caller;
import org.onecall.kit.security.CurrentCaller;
import org.onecall.kit.security.Place;
import org.onecall.kit.security.Places;
import org.onecall.kit.security.Role;
import org.onecall.kit.security.Scope;
import org.onecall.dispatch.account.Accounts;
import org.onecall.dispatch.audit.Audit;

/** What people do to a need, from the operator's call to the resident's rating. */
@Singleton
class NeedService {

    private final NeedRepository needs;
    private final OfferRepository offers;
    private final NeedHistoryRepository history;
    private final Lifecycle lifecycle;
    private final Households households;
    private final Volunteers volunteers;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration offerTtl;
    private final CurrentCaller caller;
    private final Audit audit;
    private final Merchants merchants;
    private final Accounts accounts;
    private final Places places;

    NeedService(NeedRepository needs, OfferRepository offers, NeedHistoryRepository history, Lifecycle lifecycle,
                Households households, Volunteers volunteers, Outbox outbox, Clock clock,
                @Value("${onecall.offers.ttl:10m}") Duration offerTtl, CurrentCaller caller, Audit audit,
                Merchants merchants, Accounts accounts, Places places) {
        this.merchants = merchants;
        this.accounts = accounts;
        this.places = places;
        this.needs = needs;
        this.offers = offers;
        this.history = history;
        this.lifecycle = lifecycle;
        this.households = households;
        this.volunteers = volunteers;
        this.outbox = outbox;
        this.clock = clock;
        this.offerTtl = offerTtl;
        this.caller = caller;
        this.audit = audit;
    }

    Need get(long id) {
        return needs.findById(id).orElseThrow(() -> Refusal.notFound("need", id));
    }

    List<NeedHistoryEntry> history(long id) {
        get(id);
        return history.findByNeedIdOrderById(id);
    }

    /** The coordinator's queue; a grid leader's holds only needs of households in their grids. */
    List<Need> queue(String communityId, List<NeedStatus> statuses) {
        requireCommunityExists(communityId);
        var grids = caller.gridLimit();
        if (grids.isPresent()) {
            return statuses.isEmpty() ? needs.findInGrids(communityId, grids.get())
                    : needs.findInGridsWithStatus(communityId, grids.get(),
                    statuses.stream().map(NeedStatus::name).toList());
        }
        return statuses.isEmpty() ? needs.findByCommunityIdOrderByCreatedAtDesc(communityId)
                : needs.findByCommunityIdAndStatusInOrderByCreatedAt(communityId, statuses);
    }

    /** Past their due time and not yet served, most overdue first; a grid leader's only of their grids. */
    List<Need> overdue(String communityId) {
        requireCommunityExists(communityId);
        var grids = caller.gridLimit();
        return grids.isPresent() ? needs.findOverdueInGrids(communityId, grids.get(), clock.instant())
                : needs.findOverdue(communityId, clock.instant());
    }

    @Transactional
    Views.JobView accept(long offerId, Long named) {
        long volunteerId = caller.actingVolunteer(named);
        Offer offer = pendingOfferOf(offerId, volunteerId);
        Need need = get(offer.needId());
        if (need.status() != NeedStatus.OFFERED) {
            throw Refusal.conflict("need " + need.id() + " is " + need.status() + "; the offer can no longer be accepted");
        }
        if (!volunteers.takeJob(volunteerId)) {
            throw Refusal.conflict("volunteer " + volunteerId + " is off duty or already holds as many jobs as allowed");
        }
        if (offers.respond(offerId, OfferStatus.ACCEPTED.name(), clock.instant()) == 0) {
            throw Refusal.conflict("offer " + offerId + " was answered or expired meanwhile");
        }
        Need held = lifecycle.move(need, need.withStatus(NeedStatus.ASSIGNED).heldBy(volunteerId), "OfferAccepted",
                actorFor(volunteerId), null);
        outbox.needEvent(need.communityId(), new OfferAccepted(offerId, need.id(), volunteerId));
        return job(held);
    }

    @Transactional
    Need decline(long offerId, Long named, String reason) {
        long volunteerId = caller.actingVolunteer(named);
        Offer offer = pendingOfferOf(offerId, volunteerId);
        if (offers.respond(offerId, OfferStatus.DECLINED.name(), clock.instant()) == 0) {
            throw Refusal.conflict("offer " + offerId + " was answered or expired meanwhile");
        }
        giveBackMerchantJob(offer);
        Need need = get(offer.needId());
        outbox.needEvent(need.communityId(), new OfferDeclined(offerId, need.id(), volunteerId, reason));
        if (need.status() != NeedStatus.OFFERED) {
            return need;
        }
        return startMatching(need, actorFor(volunteerId), "declined" + (reason == null ? "" : ": " + reason));
    }

    /** Expires one offer if it is still pending; returns whether it did. */
    @Transactional
    boolean expire(Offer offer) {
        if (offers.respond(offer.id(), OfferStatus.EXPIRED.name(), clock.instant()) == 0) {
            return false;
        }
        giveBackMerchantJob(offer);
        Need need = get(offer.needId());
        outbox.needEvent(need.communityId(), new OfferExpired(offer.id(), need.id(), offer.volunteerId()));
        if (need.status() == NeedStatus.OFFERED) {
            startMatching(need, "system", "offer " + offer.id() + " expired unanswered");
        }
        return true;
    }

    List<Offer> dueOffers() {
        return offers.findDue(clock.instant());
    }

    @Transactional
    Need arrive(long needId, Long named) {
        long volunteerId = caller.actingVolunteer(named);
        Need need = heldBy(needId, volunteerId);
        Need moved = lifecycle.move(need, need.withStatus(NeedStatus.ON_SITE), "VolunteerArrived",
                actorFor(volunteerId), null);
        outbox.needEvent(need.communityId(), new VolunteerArrived(needId, volunteerId));
        return moved;
    }

    @Transactional
    Need complete(long needId, Long named, String summary) {
        long volunteerId = caller.actingVolunteer(named);
        Need need = heldBy(needId, volunteerId);
        Need moved = lifecycle.move(need, need.withStatus(NeedStatus.DONE), "NeedCompleted",
                actorFor(volunteerId), summary);
        volunteers.releaseJob(volunteerId);
        outbox.needEvent(need.communityId(), new NeedCompleted(needId, volunteerId, summary));
        return moved;
    }

    /** The call-back (回访): a satisfied resident closes the need; "not solved" reopens it. */
    @Transactional
    Need feedback(long needId, Requests.Feedback f) {
        Need need = get(needId);
        String recordedBy = caller.username();
        if (need.status() != NeedStatus.DONE) {
            throw Refusal.conflict("need " + needId + " is " + need.status() + "; feedback is taken once it is DONE");
        }
        outbox.needEvent(need.communityId(), new FeedbackReceived(needId, f.rating(), f.solved(), f.comment()));
        if (f.solved()) {
            Need closed = lifecycle.move(need, need.withStatus(NeedStatus.CLOSED).rated(f.rating()), "NeedClosed",
                    recordedBy, "rating " + f.rating() + (f.comment() == null ? "" : ": " + f.comment()));
            outbox.needEvent(need.communityId(), new NeedClosed(needId, f.rating()));
            return closed;
        }
        Need reopened = lifecycle.move(need, need.withStatus(NeedStatus.REOPENED).rated(f.rating()), "NeedReopened",
                recordedBy, f.comment());
        outbox.needEvent(need.communityId(), new NeedReopened(needId, f.comment()));
        return startMatching(reopened, recordedBy, "reopened after feedback");
    }

    @Transactional
    Need cancel(long needId, String reason) {
        String by = caller.username();
        Need need = get(needId);
        Long holder = need.volunteerId();
        Need cancelled = lifecycle.move(need, need.withStatus(NeedStatus.CANCELLED), "NeedCancelled", by, reason);
        for (Offer o : offers.findByNeedIdOrderById(needId)) {
            if (o.status() == OfferStatus.PENDING
                    && offers.respond(o.id(), OfferStatus.WITHDRAWN.name(), clock.instant()) > 0) {
                giveBackMerchantJob(o);
            }
        }
        if (holder != null && (need.status() == NeedStatus.ASSIGNED || need.status() == NeedStatus.ON_SITE)) {
            volunteers.releaseJob(holder);
        }
        outbox.needEvent(need.communityId(), new NeedCancelled(needId, reason, by));
        return cancelled;
    }

    /**
     * Hands first-contact ownership to another operator or coordinator who serves the need's
     * community; the owner, a coordinator or an admin may. Audited, with a history line.
     */
    @Transactional
    Need handover(long needId, Requests.Handover h) {
        Need need = get(needId);
        String by = caller.username();
        Caller me = caller.get().orElseThrow(() -> Refusal.forbidden("sign in to hand a need over"));
        if (me.role() == Role.OPERATOR && !by.equals(need.takenBy())) {
            throw Refusal.forbidden("only the need's owner (" + need.takenBy() + ") or a coordinator can hand it over");
        }
        String to = h.to().strip();
        Place community = places.of(Scope.COMMUNITY, need.communityId()).orElseThrow();
        if (accounts.activeStaff(to).filter(staff -> staff.serves(community)).isEmpty()) {
            throw Refusal.invalid("to", to + " is not an active operator or coordinator of community "
                    + need.communityId());
        }
        if (to.equals(need.takenBy())) {
            throw Refusal.invalid("to", to + " already owns need " + needId);
        }
        if (needs.handOver(needId, need.takenBy(), to, clock.instant()) == 0) {
            throw Refusal.conflict("need " + needId + " was changed by someone else; reload and try again");
        }
        Need moved = get(needId);
        lifecycle.note(moved, "HandedOver", by, need.takenBy() + " → " + to + ": " + h.reason().strip());
        audit.record(by, "need.handover", "need " + needId, need.takenBy() + " → " + to + ": " + h.reason().strip());
        return moved;
    }

    /** An unknown community is a 404, not an empty list that reads as "nothing to do". */
    private void requireCommunityExists(String communityId) {
        if (places.of(Scope.COMMUNITY, communityId).isEmpty()) {
            throw Refusal.notFound("community", communityId);
        }
    }

    /** Who acted: a volunteer themself, or staff for the volunteer they name ("coordinator-li for volunteer 24"). */
    private String actorFor(long volunteerId) {
        return caller.get().filter(c -> c.role() != Role.VOLUNTEER)
                .map(c -> c.username() + " for volunteer " + volunteerId)
                .orElse("volunteer-" + volunteerId);
    }

    List<Views.OfferView> offersFor(long volunteerId, OfferStatus status) {
        volunteers.get(volunteerId);
        List<Offer> list = status == null ? offers.findByVolunteerIdOrderByIdDesc(volunteerId)
                : offers.findByVolunteerIdAndStatusOrderByIdDesc(volunteerId, status);
        return list.stream().map(this::view).toList();
    }

    Views.JobView job(long needId, long volunteerId) {
        Need need = get(needId);
        if (need.volunteerId() == null || need.volunteerId() != volunteerId || need.status().isFinal()
                || need.status() == NeedStatus.DONE) {
            throw Refusal.conflict("volunteer " + volunteerId + " does not hold need " + needId);
        }
        return job(need);
    }

    /** Opens matching round {@code attempt + 1}, excluding everyone who already said no or let it lapse. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Need startMatching(Need need, String actor, String why) {
        Need matching = lifecycle.move(need, need.nextRound(), "MatchingStarted", actor, why);
        List<Long> excluded = offers.findByNeedIdOrderById(need.id()).stream()
                .filter(o -> o.status() == OfferStatus.DECLINED || o.status() == OfferStatus.EXPIRED)
                .map(Offer::volunteerId).distinct().toList();
        Household h = households.get(need.householdId());
        outbox.needEvent(need.communityId(), new MatchingStarted(need.id(), matching.matchAttempt(), need.category(),
                need.urgency().name(), h.location(), excluded));
        return matching;
    }

    /** {@code merchantId}: a merchant whose job for today is already counted, or null. */
    Offer createOffer(Need need, Volunteer v, int distanceMeters, Long merchantId) {
        var now = clock.instant();
        return offers.save(new Offer(null, need.id(), v.id(), need.matchAttempt(), OfferStatus.PENDING, distanceMeters,
                now, now.plus(offerTtl), null, merchantId));
    }

    /** An offer that ends unaccepted frees the merchant's job it counted, on the day it counted it. */
    private void giveBackMerchantJob(Offer offer) {
        if (offer.merchantId() != null) {
            merchants.uncountJob(offer.merchantId(), offer.createdAt());
        }
    }

    Views.OfferView view(Offer o) {
        Need need = get(o.needId());
        Household h = households.get(need.householdId());
        return new Views.OfferView(o.id(), need.id(), o.status(), need.category(), Views.zh(need.category()),
                need.urgency(), h.building(), o.distanceMeters(), o.createdAt(), o.expiresAt(), o.merchantId(),
                o.merchantId() == null ? null : merchants.get(o.merchantId()).name());
    }

    /** Full address and phone: shown only to the holder, and every showing is audited. */
    private Views.JobView job(Need need) {
        Household h = households.get(need.householdId());
        audit.record(caller.username(), Audit.VIEW_CONTACT, "household:" + h.id(), "job view of need " + need.id());
        return new Views.JobView(need.id(), need.status(), need.category(), Views.zh(need.category()),
                need.description(), h.headName(), h.phone(), h.address());
    }

    private Offer pendingOfferOf(long offerId, long volunteerId) {
        Offer offer = offers.findById(offerId).orElseThrow(() -> Refusal.notFound("offer", offerId));
        if (offer.volunteerId() != volunteerId) {
            throw Refusal.conflict("offer " + offerId + " was made to another volunteer");
        }
        if (offer.status() != OfferStatus.PENDING) {
            throw Refusal.conflict("offer " + offerId + " is already " + offer.status());
        }
        return offer;
    }

    private Need heldBy(long needId, long volunteerId) {
        Need need = get(needId);
        if (need.volunteerId() == null || need.volunteerId() != volunteerId) {
            throw Refusal.conflict("volunteer " + volunteerId + " does not hold need " + needId);
        }
        return need;
    }
}
