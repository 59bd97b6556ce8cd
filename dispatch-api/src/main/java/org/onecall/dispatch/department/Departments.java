package org.onecall.dispatch.department;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.onecall.dispatch.community.Community;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.household.PhoneNumbers;
import org.onecall.kit.Refusal;

/** The departments a community can hand a need to: its own and its street's. */
@Singleton
public class Departments {

    private final DepartmentRepository departments;
    private final CommunityRepository communities;
    private final Clock clock;

    Departments(DepartmentRepository departments, CommunityRepository communities, Clock clock) {
        this.departments = departments;
        this.communities = communities;
        this.clock = clock;
    }

    /** {@code streetWide}: the department serves every community of the community's street. */
    @Transactional
    public Department add(String communityId, String name, DepartmentKind kind, @Nullable String contactName,
                          @Nullable String contactPhone, boolean streetWide) {
        Community c = community(communityId);
        if (streetWide && c.street() == null) {
            throw Refusal.invalid("streetWide", "community " + communityId + " is on no street");
        }
        String phone = contactPhone == null || contactPhone.isBlank() ? null : contactPhone.strip();
        if (phone != null) {
            try {
                PhoneNumbers.normalise(phone);
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("contactPhone", e.getMessage());
            }
        }
        return departments.save(new Department(null, streetWide ? c.street() : null, streetWide ? null : communityId,
                name.strip(), kind, contactName == null || contactName.isBlank() ? null : contactName.strip(), phone,
                clock.instant()));
    }

    public List<Department> serving(String communityId) {
        return departments.findServing(communityId, community(communityId).street());
    }

    /** The department, if it serves this community; refused otherwise. */
    public Department servingOne(String communityId, long departmentId) {
        return serving(communityId).stream().filter(d -> d.id() == departmentId).findFirst()
                .orElseThrow(() -> Refusal.invalid("departmentId", "department " + departmentId
                        + " does not serve community " + communityId));
    }

    public Department get(long id) {
        return departments.findById(id).orElseThrow(() -> Refusal.notFound("department", id));
    }

    private Community community(String communityId) {
        return communities.findById(communityId).orElseThrow(() -> Refusal.notFound("community", communityId));
    }
}
