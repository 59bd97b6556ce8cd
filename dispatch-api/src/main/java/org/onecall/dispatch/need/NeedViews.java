package org.onecall.dispatch.need;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.onecall.dispatch.account.Accounts;

/** Builds {@link Views.NeedView}s with their items and details, one query each for a whole list. */
@Singleton
class NeedViews {

    private final NeedListRepository.Items items;
    private final NeedListRepository.Details details;
    private final Clock clock;
    private final NeedPreferenceRepository preferences;
    private final OfferScoreRepository proposals;
    private final Accounts accounts;

    NeedViews(NeedListRepository.Items items, NeedListRepository.Details details, Clock clock,
              NeedPreferenceRepository preferences, OfferScoreRepository proposals, Accounts accounts) {
        this.accounts = accounts;
        this.preferences = preferences;
        this.proposals = proposals;
        this.items = items;
        this.details = details;
        this.clock = clock;
    }

    Views.NeedView of(Need need) {
        return of(List.of(need)).get(0);
    }

    Views.NeedView of(Raising.Raised raised) {
        Views.NeedView v = of(raised.need());
        if (!raised.attached()) {
            return v;
        }
        Need n = raised.need();
        String message = "A " + n.category() + " need (#" + n.id() + ", " + n.status() + ") is already open for this "
                + "household; this call was added to it instead of creating a duplicate. 该住户已有同类需求 #" + n.id()
                + " 在办，本次来电已记入该需求。";
        return new Views.NeedView(v.id(), v.communityId(), v.householdId(), v.category(), v.categoryZh(), v.urgency(),
                v.description(), v.status(), v.takenBy(), v.source(), v.sourceId(), v.matchAttempt(), v.volunteerId(),
                v.rating(), v.buysGoods(), v.window(), v.dueAt(), v.late(), v.items(), v.details(), v.createdAt(),
                v.updatedAt(), n.id(), message, v.preferences(), v.proposal(), v.takenByName());
    }

    List<Views.NeedView> of(List<Need> needs) {
        if (needs.isEmpty()) {
            return List.of();
        }
        List<Long> ids = needs.stream().map(Need::id).toList();
        Map<Long, List<Views.ItemView>> itemsByNeed = items.findForNeeds(ids).stream().collect(Collectors.groupingBy(
                NeedItemRow::needId, Collectors.mapping(i -> new Views.ItemView(i.name(), i.quantity(), i.unit(),
                        i.notes()), Collectors.toList())));
        Map<Long, Map<String, String>> detailsByNeed = details.findForNeeds(ids).stream().collect(
                Collectors.groupingBy(NeedDetailRow::needId, Collectors.toMap(NeedDetailRow::name, NeedDetailRow::val,
                        (a, b) -> a, LinkedHashMap::new)));
        Map<Long, Views.PreferencesView> preferencesByNeed = preferences.findForNeeds(ids).stream()
                .filter(p -> p.preferredVolunteerId() != null || p.volunteerKind() != null || !p.avoidList().isEmpty())
                .collect(Collectors.toMap(NeedPreference::needId, p -> new Views.PreferencesView(
                        p.preferredVolunteerId(), p.volunteerKind(), p.avoidList())));
        Map<Long, Views.ProposalView> latestProposal = proposals.findForNeeds(ids).stream().collect(Collectors.toMap(
                OfferScoreRepository.Proposal::needId, p -> new Views.ProposalView(p.volunteerId(), p.score(),
                        ScoreParts.read(p.parts())), (older, newer) -> newer));
        Map<String, String> owners = accounts.displayNames(needs.stream().map(Need::takenBy).toList());
        Instant now = clock.instant();
        return needs.stream().map(n -> new Views.NeedView(n.id(), n.communityId(), n.householdId(), n.category(),
                Views.zh(n.category()), n.urgency(), n.description(), n.status(), n.takenBy(), n.source(), n.sourceId(),
                n.matchAttempt(), n.volunteerId(), n.rating(), n.buysGoods(), window(n), n.dueAt(), n.lateAt(now),
                itemsByNeed.getOrDefault(n.id(), List.of()), detailsByNeed.getOrDefault(n.id(), Map.of()),
                n.createdAt(), n.updatedAt(), null, null, preferencesByNeed.get(n.id()),
                latestProposal.get(n.id()), owners.get(n.takenBy()))).toList();
    }

    List<Views.HistoryLine> history(List<NeedHistoryEntry> entries) {
        Map<String, String> names = accounts.displayNames(entries.stream().map(e -> account(e.actor())).toList());
        return entries.stream().map(e -> new Views.HistoryLine(e.id(), e.needId(), e.occurredAt(), e.eventType(),
                e.fromStatus(), e.toStatus(), e.actor(), e.detail(), names.get(account(e.actor())))).toList();
    }

    /** The account in an actor: the actor itself, or who acted for a volunteer ("operator-wang for volunteer 24"). */
    private static String account(String actor) {
        int i = actor.indexOf(" for volunteer ");
        return i < 0 ? actor : actor.substring(0, i);
    }

    private static Views.WindowView window(Need n) {
        return n.windowStart() == null ? new Views.WindowView(Requests.WindowKind.ASAP, null, null)
                : new Views.WindowView(Requests.WindowKind.APPOINTMENT, n.windowStart(), n.windowEnd());
    }
}
