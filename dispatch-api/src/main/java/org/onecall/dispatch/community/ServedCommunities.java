package org.onecall.dispatch.community;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.onecall.kit.security.Caller;
import org.onecall.kit.security.Role;

/** The communities a caller serves: by name, and every community of their street; an admin all. */
@Singleton
public class ServedCommunities {

    private final CommunityRepository communities;

    ServedCommunities(CommunityRepository communities) {
        this.communities = communities;
    }

    public List<Community> of(Caller c) {
        if (c.role() == Role.ADMIN) {
            return communities.findAllOrderById();
        }
        Map<String, Community> served = new TreeMap<>();
        if (!c.communities().isEmpty()) {
            communities.findByIdInOrderById(c.communities()).forEach(x -> served.put(x.id(), x));
        }
        if (c.street() != null) {
            communities.findByStreetOrderById(c.street()).forEach(x -> served.put(x.id(), x));
        }
        return List.copyOf(served.values());
    }
}
