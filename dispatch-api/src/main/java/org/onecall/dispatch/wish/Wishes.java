package org.onecall.dispatch.wish;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.onecall.dispatch.agreement.Agreement;
import org.onecall.dispatch.agreement.Agreements;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.household.Household;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.merchant.Merchant;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.outbox.Outbox;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.WishEvents.WishClaimed;
import org.onecall.events.WishEvents.WishFulfilled;
import org.onecall.events.WishEvents.WishPublished;
import org.onecall.kit.Refusal;
import org.onecall.kit.security.CurrentCaller;
import org.onecall.kit.security.Role;

/** Publish, claim once, fulfil: each step a history line and an outbox event in one transaction. */
@Singleton
class Wishes {

    private final WishRepository wishes;
    private final WishHistoryRepository history;
    private final CommunityRepository communities;
    private final Households households;
    private final Volunteers volunteers;
    private final Outbox outbox;
    private final Agreements agreements;
    private final Merchants merchants;
    private final Clock clock;
    private final CurrentCaller caller;

    Wishes(WishRepository wishes, WishHistoryRepository history, CommunityRepository communities,
           Households households, Volunteers volunteers, Agreements agreements, Merchants merchants, Outbox outbox,
           Clock clock, CurrentCaller caller) {
        this.caller = caller;
        this.agreements = agreements;
        this.merchants = merchants;
        this.wishes = wishes;
        this.history = history;
        this.communities = communities;
        this.households = households;
        this.volunteers = volunteers;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    Wish publish(String communityId, WishRequests.Publish p) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        Long householdId = null;
        String partner = strip(p.partner());
        if (p.kind() == Wish.WishKind.WISH) {
            if (p.agreementId() != null) {
                throw Refusal.invalid("agreementId", "a micro-wish is a resident's, not a co-building agreement's");
            }
            if (p.householdId() == null) {
                throw Refusal.invalid("householdId", "a micro-wish is for a resident: give the household");
            }
            Household h = households.get(p.householdId());
            if (!h.communityId().equals(communityId)) {
                throw Refusal.invalid("householdId", "household " + h.id() + " is not in community " + communityId);
            }
            // a grid leader publishes micro-wishes of their grids' residents
            caller.requireHousehold(h.communityId(), h.grid());
            householdId = h.id();
        } else {
            // a project is the whole community's: not a grid leader's to publish
            caller.requireCommunity(communityId);
            if (p.agreementId() != null) {
                partner = agreementPartner(communityId, p.agreementId(), partner);
            }
            if (partner == null) {
                throw Refusal.invalid("partner", "a project is run with a partner unit: name it, or give the agreementId");
            }
            if (blank(p.schedule())) {
                throw Refusal.invalid("schedule", "say when the project recurs, e.g. 每周二义诊");
            }
            if (p.householdId() != null) {
                throw Refusal.invalid("householdId", "a project is for the community, not one household");
            }
        }
        var now = clock.instant();
        Wish wish = wishes.save(new Wish(null, communityId, p.kind(), householdId, p.title().strip(),
                strip(p.description()), partner, strip(p.schedule()), Wish.WishStatus.OPEN,
                p.publishedBy().strip(), null, null, null, null, null, null, null, now, p.agreementId(), null));
        history.save(new WishHistoryEntry(null, wish.id(), householdId, now, "WishPublished", wish.publishedBy(),
                wish.title()));
        outbox.needEvent(communityId, new WishPublished(wish.id(), wish.kind().name(), householdId, wish.title(),
                wish.description(), wish.partner(), wish.schedule(), wish.publishedBy(), wish.agreementId()));
        return wish;
    }

    /** The partner unit that signed the agreement; a partner named in the request must be that unit. */
    private String agreementPartner(String communityId, long agreementId, @Nullable String named) {
        Agreement agreement = agreements.get(agreementId);
        if (!agreement.communityId().equals(communityId)) {
            throw Refusal.invalid("agreementId", "agreement " + agreementId + " is not in community " + communityId);
        }
        String signed = merchants.get(agreement.partnerId()).name();
        if (named != null && !named.equals(signed)) {
            throw Refusal.invalid("partner", "agreement " + agreementId + " was signed with " + signed + ", not " + named);
        }
        return signed;
    }

    @Transactional
    Wish claim(long id, WishRequests.Claim c) {
        Wish wish = get(id);
        String claimant;
        Long volunteerId = null;
        Long merchantId = null;
        if (c.claimantKind() == Wish.ClaimantKind.VOLUNTEER) {
            // a signed-in volunteer claims for themself; staff name the volunteer
            Volunteer v = volunteers.get(caller.actingVolunteer(c.volunteerId()));
            if (!v.communityId().equals(wish.communityId())) {
                throw Refusal.invalid("volunteerId", "volunteer " + v.id() + " is not in community "
                        + wish.communityId());
            }
            volunteerId = v.id();
            claimant = v.name();
        } else {
            if (c.merchantId() == null) {
                throw Refusal.invalid("merchantId", "name the partner unit that claims it");
            }
            Merchant unit = merchants.get(c.merchantId());
            if (!unit.communityId().equals(wish.communityId())) {
                throw Refusal.invalid("merchantId", "partner unit " + unit.id() + " is not in community "
                        + wish.communityId());
            }
            merchantId = unit.id();
            claimant = unit.name();
        }
        if (wish.status() != Wish.WishStatus.OPEN
                || wishes.claim(id, c.claimantKind().name(), claimant, volunteerId, merchantId, clock.instant()) == 0) {
            Wish now = get(id);
            throw Refusal.conflict("wish " + id + " is already " + now.status() + (now.claimant() == null ? ""
                    : " by " + now.claimant()));
        }
        Wish claimed = get(id);
        // who entered it, and for whom: "coordinator-li for 兴华药房 (UNIT)"; a volunteer's own claim is theirs
        String by = caller.get().filter(me -> me.role() == Role.VOLUNTEER).isPresent() ? claimant
                : caller.username() + " for " + claimant;
        history.save(new WishHistoryEntry(null, id, wish.householdId(), claimed.claimedAt(), "WishClaimed", by,
                c.claimantKind().name()));
        outbox.needEvent(wish.communityId(), new WishClaimed(id, c.claimantKind().name(), claimant, volunteerId));
        return claimed;
    }

    @Transactional
    Wish fulfil(long id, WishRequests.Fulfil f) {
        Wish wish = get(id);
        String by = f.fulfilledBy().strip();
        if (wish.status() != Wish.WishStatus.CLAIMED || wishes.fulfil(id, by, strip(f.note()), clock.instant()) == 0) {
            throw Refusal.conflict("wish " + id + " is " + get(id).status() + "; only a CLAIMED wish can be fulfilled");
        }
        Wish done = get(id);
        history.save(new WishHistoryEntry(null, id, wish.householdId(), done.fulfilledAt(), "WishFulfilled", by,
                done.fulfilmentNote()));
        outbox.needEvent(wish.communityId(), new WishFulfilled(id, by, done.fulfilmentNote()));
        return done;
    }

    Wish get(long id) {
        return wishes.findById(id).orElseThrow(() -> Refusal.notFound("wish", id));
    }

    List<Wish> list(String communityId, @Nullable Wish.WishStatus status, @Nullable Long agreementId) {
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        if (agreementId != null) {
            // an agreement's projects are the community's, visible to all its staff (grid leaders too)
            return wishes.findByCommunityIdAndAgreementIdOrderById(communityId, agreementId).stream()
                    .filter(w -> status == null || w.status() == status).toList();
        }
        var grids = caller.gridLimit();
        if (grids.isPresent()) {
            // projects are the community's, visible to all its staff; micro-wishes only of the caller's grids
            return status == null ? wishes.findInGrids(communityId, grids.get())
                    : wishes.findInGridsWithStatus(communityId, grids.get(), status.name());
        }
        return status == null ? wishes.findByCommunityIdOrderById(communityId)
                : wishes.findByCommunityIdAndStatusOrderById(communityId, status);
    }

    List<WishHistoryEntry> history(long id) {
        get(id);
        return history.findByWishIdOrderById(id);
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static String strip(@Nullable String s) {
        return blank(s) ? null : s.strip();
    }
}
