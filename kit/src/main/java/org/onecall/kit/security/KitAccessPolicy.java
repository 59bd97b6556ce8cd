package org.onecall.kit.security;

import io.micronaut.http.HttpMethod;
import jakarta.inject.Singleton;
import java.util.List;

/** Routes every service has: the health check is public (load balancers and compose call it unauthenticated). */
@Singleton
class KitAccessPolicy implements AccessPolicy {
    @Override
    public List<Access> rules() {
        return List.of(Access.open(HttpMethod.GET, "/health"), Access.open(HttpMethod.GET, "/health/{selector}"));
    }
}
