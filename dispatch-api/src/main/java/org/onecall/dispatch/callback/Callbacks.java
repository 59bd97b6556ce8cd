package org.onecall.dispatch.callback;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.onecall.dispatch.audit.Audit;
import org.onecall.dispatch.need.NeedQueries;
import org.onecall.kit.Refusal;
import org.onecall.kit.UniqueViolation;
import org.onecall.kit.security.Caller;
import org.onecall.kit.security.CurrentCaller;
import org.onecall.kit.security.Role;

/** Call-back tasks: raised once per need, reason and cause; listed for their owner; closed when answered. */
@Singleton
public class Callbacks {

    private final CallbackTaskRepository tasks;
    private final NeedQueries needs;
    private final CurrentCaller caller;
    private final Audit audit;
    private final Clock clock;

    Callbacks(CallbackTaskRepository tasks, NeedQueries needs, CurrentCaller caller, Audit audit, Clock clock) {
        this.tasks = tasks;
        this.needs = needs;
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
    }

    /** Raises the task for the need's owning operator, or finds the one this cause already raised. */
    public CallbackTask raise(long needId, CallbackTask.Reason reason, String sourceKey, String message) {
        var existing = tasks.findByNeedIdAndReasonAndSourceKey(needId, reason.name(), sourceKey);
        if (existing.isPresent()) {
            return existing.get();
        }
        NeedQueries.Summary need = needs.summary(needId);
        try {
            return save(new CallbackTask(null, needId, need.householdId(), need.communityId(), need.owner(), reason.name(),
                    message, sourceKey, clock.instant(), null, null, null));
        } catch (RuntimeException e) {
            if (UniqueViolation.of(e, "callback_task_once")) {
                return tasks.findByNeedIdAndReasonAndSourceKey(needId, reason.name(), sourceKey).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    @Transactional
    CallbackTask save(CallbackTask task) {
        return tasks.save(task);
    }

    /** Mine: the caller's own open tasks; otherwise every open task of the communities they serve. */
    List<CallbackTask> open(boolean mine) {
        Caller c = caller.get().orElseThrow(() -> Refusal.unauthorized("sign in first"));
        if (mine || c.role() == Role.ADMIN) {
            return mine ? tasks.findOpenOwnedBy(c.username()) : tasks.findAll().stream().filter(t -> t.closedAt() == null).toList();
        }
        return c.communities().isEmpty() ? List.of() : tasks.findOpenIn(List.copyOf(c.communities()));
    }

    /** The owner, a coordinator of the community or an admin closes it, saying how the call went. */
    @Transactional
    CallbackTask close(long id, String outcome) {
        CallbackTask task = tasks.findById(id).orElseThrow(() -> Refusal.notFound("call-back task", id));
        Caller c = caller.get().orElseThrow(() -> Refusal.unauthorized("sign in first"));
        boolean allowed = c.role() == Role.ADMIN || c.username().equals(task.owner())
                || (c.role() == Role.COORDINATOR && c.communities().contains(task.communityId()));
        if (!allowed) {
            throw Refusal.forbidden("only the need's owner or a coordinator of its community closes this call-back");
        }
        if (tasks.close(id, clock.instant(), c.username(), outcome) == 0) {
            throw Refusal.conflict("call-back task " + id + " is already closed");
        }
        audit.record(c.username(), "CALLBACK_CLOSED", "callback:" + id, outcome);
        return tasks.findById(id).orElseThrow();
    }
}
