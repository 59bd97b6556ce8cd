package org.onecall.kit.security;

import io.micronaut.security.utils.SecurityService;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.onecall.kit.Refusal;

/** For checks the route alone cannot make: scope named in a request body, the acting volunteer. */
@Singleton
public class CurrentCaller {

    private final SecurityService security;

    CurrentCaller(SecurityService security) {
        this.security = security;
    }

    public Optional<Caller> get() {
        return security.getAuthentication().map(Caller::from);
    }

    public String username() {
        return get().map(Caller::username).orElse("system");
    }

    /** Refuses (403) unless the caller serves this community. Outside a request (Kafka, startup) it passes. */
    public void requireCommunity(String communityId) {
        get().ifPresent(c -> {
            if (!c.serves(communityId) || c.role() == Role.VOLUNTEER) {
                throw Refusal.forbidden("you do not serve community " + communityId);
            }
        });
    }

    /**
     * The volunteer a request acts for: a volunteer acts only for themself (a body naming someone
     * else is refused); staff may act for the named volunteer.
     */
    public long actingVolunteer(Long named) {
        Optional<Caller> caller = get();
        if (caller.isPresent() && caller.get().role() == Role.VOLUNTEER) {
            long self = caller.get().volunteerId();
            if (named != null && named != self) {
                throw Refusal.forbidden("a volunteer can only act for themself");
            }
            return self;
        }
        if (named == null) {
            throw Refusal.invalid("volunteerId", "must name the volunteer");
        }
        return named;
    }
}
