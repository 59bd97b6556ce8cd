package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;

/**
 * A need's matching preferences (contract C4): checked with the need's other rules, stored beside it,
 * and handed to the matcher with every round. A reopened need adds the helper whose job failed to its
 * avoid list, so the next round does not go back to them.
 */
@Singleton
class Preferences {

    private final NeedPreferenceRepository preferences;
    private final Volunteers volunteers;

    Preferences(NeedPreferenceRepository preferences, Volunteers volunteers) {
        this.preferences = preferences;
        this.volunteers = volunteers;
    }

    /** The named and avoided volunteers exist in the household's community; the named one is not avoided. */
    List<FieldProblem> problems(Requests.RaiseNeed r, String communityId) {
        List<FieldProblem> problems = new ArrayList<>();
        if (r.preferredVolunteerId() != null) {
            Optional<Volunteer> v = volunteers.find(r.preferredVolunteerId());
            if (v.isEmpty() || !v.get().communityId().equals(communityId)) {
                problems.add(new FieldProblem("preferredVolunteerId", "no volunteer " + r.preferredVolunteerId()
                        + " in community " + communityId));
            } else if (!v.get().active()) {
                problems.add(new FieldProblem("preferredVolunteerId", "volunteer " + r.preferredVolunteerId()
                        + " is suspended"));
            }
        }
        List<Long> avoid = r.avoidList();
        for (int i = 0; i < avoid.size(); i++) {
            long id = avoid.get(i);
            Optional<Volunteer> v = volunteers.find(id);
            if (v.isEmpty() || !v.get().communityId().equals(communityId)) {
                problems.add(new FieldProblem("avoidVolunteerIds[" + i + "]", "no volunteer " + id + " in community "
                        + communityId));
            } else if (r.preferredVolunteerId() != null && r.preferredVolunteerId() == id) {
                problems.add(new FieldProblem("avoidVolunteerIds[" + i + "]", "is also the preferredVolunteerId"));
            }
        }
        return problems;
    }

    /** Stores what the request asks for, and the call the need belongs to; nothing when there is neither. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void save(long needId, Requests.RaiseNeed r, @Nullable String callId) {
        if (r.preferredVolunteerId() == null && r.volunteerKind() == null && r.avoidList().isEmpty() && callId == null) {
            return;
        }
        preferences.save(new NeedPreference(needId, r.preferredVolunteerId(),
                r.volunteerKind() == null ? null : r.volunteerKind().name(), NeedPreference.join(r.avoidList()),
                callId));
    }

    /**
     * A coordinator's re-match restates what the need asks for: a named volunteer or kind replaces the stored
     * one, the volunteers to avoid are added to those already avoided, and the named one is no longer avoided
     * (the coordinator chose them knowingly). The call the need belongs to is kept.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void restate(long needId, @Nullable Long preferredVolunteerId, @Nullable String volunteerKind, List<Long> avoid) {
        if (preferredVolunteerId == null && volunteerKind == null && avoid.isEmpty()) {
            return;
        }
        Optional<NeedPreference> found = preferences.findById(needId);
        NeedPreference was = found.orElseGet(() -> NeedPreference.none(needId));
        List<Long> avoided = new ArrayList<>(was.avoidList());
        avoided.addAll(avoid);
        if (preferredVolunteerId != null) {
            avoided.remove(preferredVolunteerId);
        }
        NeedPreference now = new NeedPreference(needId,
                preferredVolunteerId != null ? preferredVolunteerId : was.preferredVolunteerId(),
                volunteerKind != null ? volunteerKind : was.volunteerKind(), NeedPreference.join(avoided), was.callId());
        if (found.isPresent()) {
            preferences.update(now);
        } else {
            preferences.save(now);
        }
    }

    NeedPreference of(long needId) {
        return preferences.findById(needId).orElseGet(() -> NeedPreference.none(needId));
    }

    /** The volunteer is not to be offered this need again (their job failed, or the resident complained). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void avoid(long needId, long volunteerId) {
        Optional<NeedPreference> found = preferences.findById(needId);
        if (found.isPresent()) {
            preferences.update(found.get().avoiding(volunteerId));
        } else {
            preferences.save(NeedPreference.none(needId).avoiding(volunteerId));
        }
    }

    /** The household's paired helper first, then its earlier helpers, none of them avoided or excluded. */
    List<Long> pastHelpers(Need need, NeedPreference p, List<Long> excluded) {
        List<Long> avoid = p.avoidList();
        return java.util.stream.Stream.concat(preferences.pairedHelpers(need.householdId()).stream(),
                        preferences.pastHelpers(need.householdId(), need.id()).stream())
                .distinct().filter(id -> !avoid.contains(id) && !excluded.contains(id)).toList();
    }
}
