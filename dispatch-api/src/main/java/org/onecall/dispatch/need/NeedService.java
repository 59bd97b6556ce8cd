package org.onecall.dispatch.need;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.onecall.dispatch.complaint.Complaints;
import org.onecall.dispatch.hours.Hours;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.NeedEvents.FeedbackReceived;
import org.onecall.events.NeedEvents.JobDelayed;
import org.onecall.events.NeedEvents.MatchingStarted;
import org.onecall.events.NeedEvents.NeedCancelled;
import org.onecall.events.NeedEvents.NeedClosed;
import org.onecall.events.NeedEvents.NeedCompleted;
import org.onecall.events.NeedEvents.NeedReopened;
import org.onecall.events.NeedEvents.OfferAccepted;
import org.onecall.events.NeedEvents.OfferDeclined;
import org.onecall.events.NeedEvents.OfferExpired;
import org.onecall.events.NeedEvents.OfferMade;
import org.onecall.events.NeedEvents.OfferWithdrawn;
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

    private static final int HOUSEHOLD_CARD_NEEDS = 30;

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
    private final NeedViews needViews;
    private final FeedbackRepository feedbackRows;
    private final Complaints complaints;
    private final Hours hours;
    private final Preferences preferences;
    private final OfferScoreRepository scores;
    private final Accounts accounts;
    private final Places places;

    NeedService(Preferences preferences, OfferScoreRepository scores, NeedRepository needs, OfferRepository offers, NeedHistoryRepository history, Lifecycle lifecycle,
                Households households, Volunteers volunteers, Outbox outbox, Clock clock,
                @Value("${onecall.offers.ttl:10m}") Duration offerTtl, CurrentCaller caller, Audit audit,
                Merchants merchants, NeedViews needViews, FeedbackRepository feedbackRows, Complaints complaints,
                Hours hours, Accounts accounts, Places places) {
        this.preferences = preferences;
        this.scores = scores;
        this.merchants = merchants;
        this.needViews = needViews;
        this.feedbackRows = feedbackRows;
        this.complaints = complaints;
        this.hours = hours;
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

    List<Need> ofHousehold(long householdId) {
        households.get(householdId);
        return needs.findRecentOfHousehold(householdId, HOUSEHOLD_CARD_NEEDS);
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
        if (offers.respond(offerId, OfferStatus.ACCEPTED.name(), clock.instant()) == 0) {
            throw Refusal.conflict("offer " + offerId + " was answered or expired meanwhile");
        }
        Need held = lifecycle.move(need, need.withStatus(NeedStatus.ASSIGNED).heldBy(volunteerId), "OfferAccepted",
                actorFor(volunteerId), null);
        // after the move, so the state it publishes counts this job and holds its appointment (a refusal
        // here rolls the move back)
        if (!volunteers.takeJob(volunteerId)) {
            throw Refusal.conflict("volunteer " + volunteerId + " is off duty or already holds as many jobs as allowed");
        }
        outbox.needEvent(need.communityId(), new OfferAccepted(offerId, need.id(), volunteerId));
        withdrawPending(need, "another volunteer accepted first");
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
        if (need.status() != NeedStatus.OFFERED || stillOffered(need)) {
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
        if (need.status() == NeedStatus.OFFERED && !stillOffered(need)) {
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

    /**
     * The call-back (回访): a satisfied resident closes the need. A complaint (a rating of 1 or 2, or
     * "not solved") is recorded, the coordinators are told, and the need reopens for someone other than
     * the volunteer complained about. Either way the answer confirms the volunteer's hours.
     */
    @Transactional
    Need feedback(long needId, Requests.Feedback f) {
        return feedback(needId, f, caller.username());
    }

    /** The same, recorded as {@code recordedBy}: the resident answering by SMS has no account. */
    @Transactional
    Need feedback(long needId, Requests.Feedback f, String recordedBy) {
        Need need = get(needId);
        if (need.status() != NeedStatus.DONE) {
            throw Refusal.conflict("need " + needId + " is " + need.status() + "; feedback is taken once it is DONE");
        }
        FeedbackRow answer = feedbackRows.save(new FeedbackRow(null, needId, need.volunteerId(), f.rating(),
                f.solved(), f.comment(), recordedBy, clock.instant()));
        outbox.needEvent(need.communityId(), new FeedbackReceived(needId, f.rating(), f.solved(), f.comment()));
        creditHours(need, f.rating(), recordedBy);
        if (!Complaints.isComplaint(f.rating(), f.solved())) {
            Need closed = lifecycle.move(need, need.withStatus(NeedStatus.CLOSED).rated(f.rating()), "NeedClosed",
                    recordedBy, "rating " + f.rating() + (f.comment() == null ? "" : ": " + f.comment()));
            outbox.needEvent(need.communityId(), new NeedClosed(needId, f.rating()));
            return closed;
        }
        Need reopened = lifecycle.move(need, need.withStatus(NeedStatus.REOPENED).rated(f.rating()), "NeedReopened",
                recordedBy, f.comment());
        if (need.volunteerId() != null) {
            // the job failed: the next rounds go to someone else
            preferences.avoid(needId, need.volunteerId());
        }
        outbox.needEvent(need.communityId(), new NeedReopened(needId, f.comment()));
        var complaint = complaints.open(needId, households.get(need.householdId()), need.volunteerId(),
                new Complaints.Answer(answer.id(), f.rating(), f.solved(), f.comment()), recordedBy);
        return startMatching(reopened, recordedBy, "reopened after complaint " + complaint.id());
    }

    /**
     * A coordinator confirms the hours of a job served (the organiser certifies, when no rating came):
     * the need must be DONE or CLOSED. Confirming twice credits once.
     */
    @Transactional
    Need confirmHours(long needId) {
        Need need = get(needId);
        if (need.status() != NeedStatus.DONE && need.status() != NeedStatus.CLOSED) {
            throw Refusal.conflict("need " + needId + " is " + need.status() + "; hours are confirmed once it is served");
        }
        if (!creditHours(need, need.rating(), caller.username())) {
            throw Refusal.conflict("the hours of need " + needId + " are confirmed already");
        }
        history.save(new NeedHistoryEntry(null, needId, clock.instant(), "HoursConfirmed", need.status(),
                need.status(), caller.username(), null));
        return need;
    }

    /** Service time from the last arrival to the completion after it: travel is not counted. */
    private boolean creditHours(Need need, Integer rating, String confirmedBy) {
        if (need.volunteerId() == null) {
            return false;
        }
        java.time.Instant arrived = null;
        java.time.Instant completed = null;
        for (NeedHistoryEntry e : history.findByNeedIdOrderById(need.id())) {
            if (e.eventType().equals("VolunteerArrived")) {
                arrived = e.occurredAt();
                completed = null;
            } else if (e.eventType().equals("NeedCompleted") && arrived != null) {
                completed = e.occurredAt();
            }
        }
        if (arrived == null || completed == null) {
            return false;
        }
        Household h = households.get(need.householdId());
        return hours.credit(new Hours.Credit(need.communityId(), need.volunteerId(), need.id(),
                Views.zh(need.category()) + "：" + need.description(), h.building(), arrived, completed, rating,
                confirmedBy));
    }

    @Transactional
    Need cancel(long needId, String reason) {
        String by = caller.username();
        Need need = get(needId);
        Long holder = need.volunteerId();
        Need cancelled = lifecycle.move(need, need.withStatus(NeedStatus.CANCELLED), "NeedCancelled", by, reason);
        withdrawPending(need, "the need was cancelled");
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

    /**
     * Who acted: a volunteer themself (on their page, or by SMS reply, which the notifier relays as a
     * service), or staff for the volunteer they name ("coordinator-li for volunteer 24").
     */
    private String actorFor(long volunteerId) {
        return caller.get().filter(c -> c.role() != Role.VOLUNTEER && c.role() != Role.SERVICE)
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

    /**
     * Opens matching round {@code attempt + 1}, excluding everyone who already said no or let it lapse,
     * and every volunteer a complaint about this need names.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Need startMatching(Need need, String actor, String why) {
        return startMatching(need, "MatchingStarted", actor, why, List.of());
    }

    /** As above, also excluding {@code avoid} (a coordinator's re-match without these volunteers). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Need startMatching(Need need, String actor, String why, List<Long> avoid) {
        return startMatching(need, "MatchingStarted", actor, why, avoid);
    }

    /**
     * The volunteer holding the job hands it back (ill, held up): the need is matched again without
     * them, and their place for another job is freed. The reason goes into the history.
     */
    @Transactional
    Need giveBack(long needId, Long named, String reason) {
        long volunteerId = caller.actingVolunteer(named);
        Need need = heldBy(needId, volunteerId);
        if (need.status() != NeedStatus.ASSIGNED) {
            throw Refusal.conflict("need " + needId + " is " + need.status()
                    + "; a job can be given back only before arriving");
        }
        // the resident was told who is coming: they are told it will be someone else
        outbox.needEvent(need.communityId(), new JobDelayed(needId, volunteerId,
                JobDelayed.GIVEN_BACK, LateArrivals.promisedBy(need), List.of()));
        Need matching = startMatching(need, "JobGivenBack", actorFor(volunteerId), reason, List.of(volunteerId));
        volunteers.releaseJob(volunteerId);
        return matching;
    }

    private Need startMatching(Need need, String eventType, String actor, String why, List<Long> avoid) {
        Need matching = lifecycle.move(need, need.nextRound(), eventType, actor, why);
        // who said no, let it lapse or gave it back is not asked again, nor whom a coordinator set aside
        List<Long> excluded = java.util.stream.Stream.concat(offers.findByNeedIdOrderById(need.id()).stream()
                .filter(o -> o.status() == OfferStatus.DECLINED || o.status() == OfferStatus.EXPIRED)
                .map(Offer::volunteerId), java.util.stream.Stream.concat(avoid.stream(),
                        complaints.volunteersComplainedAbout(need.id()).stream())).distinct().toList();
        Household h = households.get(need.householdId());
        NeedPreference p = preferences.of(need.id());
        outbox.needEvent(need.communityId(), new MatchingStarted(need.id(), matching.matchAttempt(), need.category(),
                need.urgency().name(), h.location(), excluded, h.id(), need.windowStart(), need.windowEnd(),
                p.preferredVolunteerId(), p.volunteerKind(), p.avoidList(),
                preferences.pastHelpers(need, p, excluded),
                h.language() == null || h.language().isBlank() ? null : h.language().strip(), need.buysGoods(),
                p.callId()));
        return matching;
    }

    /** {@code merchantId}: a merchant whose job for today is already counted, or null. */
    Offer createOffer(Need need, Volunteer v, int distanceMeters, Long merchantId) {
        var now = clock.instant();
        return offers.save(new Offer(null, need.id(), v.id(), need.matchAttempt(), OfferStatus.PENDING, distanceMeters,
                now, now.plus(offerTtl), null, merchantId));
    }

    /**
     * Offers the need to each of these volunteers at once (contract C3: a team broadcast, a coordinator's
     * offer by hand): one PENDING offer each, the first to accept wins by the lifecycle's compare-and-set
     * and the others are withdrawn. A need not yet OFFERED becomes OFFERED; one already OFFERED keeps its
     * pending offers and gains these.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    List<Offer> offerTo(Need need, List<Volunteer> to, String actor, String why) {
        Household h = households.get(need.householdId());
        List<Offer> made = new java.util.ArrayList<>();
        for (Volunteer v : to) {
            made.add(createOffer(need, v, (int) Math.round(h.location().metresTo(v.home())), null));
        }
        String detail = why + ": " + to.stream().map(v -> v.name() + " (" + v.id() + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        if (need.status() == NeedStatus.OFFERED) {
            lifecycle.note(need, "OfferMade", actor, detail);
        } else {
            lifecycle.move(need, need.withStatus(NeedStatus.OFFERED), "OfferMade", actor, detail);
        }
        for (Offer o : made) {
            outbox.needEvent(need.communityId(), new OfferMade(o.id(), need.id(), o.volunteerId(), need.category(),
                    need.urgency().name(), h.approximatePlace(), o.distanceMeters(), o.expiresAt(), need.windowStart(),
                    need.windowEnd()));
        }
        return made;
    }

    /** Takes back every pending offer of the need, telling each volunteer why (OfferWithdrawn). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void withdrawPending(Need need, String reason) {
        for (Offer o : offers.findByNeedIdOrderById(need.id())) {
            if (o.status() == OfferStatus.PENDING
                    && offers.respond(o.id(), OfferStatus.WITHDRAWN.name(), clock.instant()) > 0) {
                giveBackMerchantJob(o);
                outbox.needEvent(need.communityId(), new OfferWithdrawn(o.id(), need.id(), o.volunteerId(), reason));
            }
        }
    }

    /** Another offer of the need is still waiting for its answer: declining or expiring one does not re-match. */
    private boolean stillOffered(Need need) {
        return offers.findByNeedIdOrderById(need.id()).stream().anyMatch(o -> o.status() == OfferStatus.PENDING);
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
        Views.NeedView v = needViews.of(need);
        var score = scores.findById(o.id());
        return new Views.OfferView(o.id(), need.id(), o.status(), need.category(), Views.zh(need.category()),
                need.urgency(), h.building(), o.distanceMeters(), o.createdAt(), o.expiresAt(), o.merchantId(),
                o.merchantId() == null ? null : merchants.get(o.merchantId()).name(), v.window(), v.items(),
                score.map(OfferScore::score).orElse(null),
                score.map(s -> ScoreParts.read(s.parts())).orElse(List.of()));
    }

    /** Why the offer's volunteer was proposed, as the matcher said it. */
    void recordScore(Offer offer, Double score, List<org.onecall.events.MatchEvents.ScorePart> parts) {
        if (score != null) {
            scores.save(new OfferScore(offer.id(), score, ScoreParts.write(parts)));
        }
    }

    /** Full address and phone: shown only to the holder, and every showing is audited. */
    private Views.JobView job(Need need) {
        Household h = households.get(need.householdId());
        audit.record(caller.username(), Audit.VIEW_CONTACT, "household:" + h.id(), "job view of need " + need.id());
        Views.NeedView v = needViews.of(need);
        // the merchant of the offer the holder accepted: where to buy the items
        String merchant = offers.findByNeedIdOrderById(need.id()).stream()
                .filter(o -> o.status() == OfferStatus.ACCEPTED && need.volunteerId() != null
                        && o.volunteerId() == need.volunteerId() && o.merchantId() != null)
                .reduce((a, b) -> b).map(o -> merchants.get(o.merchantId()).name()).orElse(null);
        return new Views.JobView(need.id(), need.status(), need.category(), Views.zh(need.category()),
                need.description(), h.headName(), h.phone(), h.address(), v.window(), v.items(), merchant);
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
