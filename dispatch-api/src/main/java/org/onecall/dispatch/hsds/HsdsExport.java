package org.onecall.dispatch.hsds;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.onecall.dispatch.community.Community;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.merchant.Merchant;
import org.onecall.dispatch.merchant.MerchantOffering;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.Category;
import org.onecall.events.TimeWindow;
import org.onecall.kit.Refusal;

/**
 * The resource directory in the Open Referral HSDS layout (organizations, services, locations,
 * service_at_locations, schedules), for publishing the 15-minute service circle to other systems.
 * Each merchant or partner unit is an organization with one location and one service per
 * category it provides, its opening hours as weekly schedules. Volunteers are people in their
 * homes, so they appear only as the community's own organization with one service per category
 * its volunteers cover (and how many), never with a name or a place.
 */
@Controller("/api/communities/{id}/hsds")
@ExecuteOn(TaskExecutors.BLOCKING)
class HsdsExport {

    private static final String[] BYDAY = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

    private final CommunityRepository communities;
    private final Volunteers volunteers;
    private final Merchants merchants;

    HsdsExport(CommunityRepository communities, Volunteers volunteers, Merchants merchants) {
        this.communities = communities;
        this.volunteers = volunteers;
        this.merchants = merchants;
    }

    @Introspected
    record Organization(String id, String name, String description) {
    }

    @Introspected
    record Service(String id, @JsonProperty("organization_id") String organizationId, String name,
                   String description, String status, List<String> categories) {
    }

    @Introspected
    record Location(String id, @JsonProperty("organization_id") String organizationId,
                    @JsonProperty("location_type") String locationType, String name, double latitude,
                    double longitude, @Nullable String address) {
    }

    @Introspected
    record ServiceAtLocation(String id, @JsonProperty("service_id") String serviceId,
                             @JsonProperty("location_id") String locationId) {
    }

    @Introspected
    record Schedule(String id, @JsonProperty("service_id") String serviceId,
                    @JsonProperty("location_id") String locationId, String freq, String byday,
                    @JsonProperty("opens_at") String opensAt, @JsonProperty("closes_at") String closesAt) {
    }

    @Introspected
    record Directory(@JsonProperty("hsds_version") String hsdsVersion, List<Organization> organizations,
                     List<Service> services, List<Location> locations,
                     @JsonProperty("service_at_locations") List<ServiceAtLocation> serviceAtLocations,
                     List<Schedule> schedules) {
    }

    @Get
    Directory export(@PathVariable String id) {
        Community community = communities.findById(id).orElseThrow(() -> Refusal.notFound("community", id));
        List<Organization> orgs = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<Location> locations = new ArrayList<>();
        List<ServiceAtLocation> atLocations = new ArrayList<>();
        List<Schedule> schedules = new ArrayList<>();

        String communityOrg = "community-" + id;
        orgs.add(new Organization(communityOrg, community.name(), "社区志愿服务 community volunteer service"));
        Map<Category, Integer> covered = new EnumMap<>(Category.class);
        for (Volunteer v : volunteers.inCommunity(id)) {
            if (v.active()) {
                v.skillList().forEach(s -> covered.merge(Category.valueOf(s), 1, Integer::sum));
            }
        }
        covered.forEach((c, n) -> services.add(new Service(communityOrg + "-" + c.name(), communityOrg,
                "志愿服务：" + c.zh(), c.en() + " by " + n + " volunteers, at home (上门服务)", "active",
                List.of(c.name()))));

        List<Merchant> list = merchants.inCommunity(id);
        Map<Long, List<MerchantOffering>> offerings = new java.util.HashMap<>();
        for (MerchantOffering o : merchants.offeringsOf(list)) {
            offerings.computeIfAbsent(o.merchantId(), k -> new ArrayList<>()).add(o);
        }
        for (Merchant m : list) {
            String org = "merchant-" + m.id();
            String loc = org + "-location";
            orgs.add(new Organization(org, m.name(), m.kind() == Merchant.MerchantKind.PARTNER_UNIT
                    ? "共建单位 partner unit" : "商户 merchant"));
            locations.add(new Location(loc, org, "physical", m.name(), m.lat(), m.lon(), m.address()));
            for (MerchantOffering o : offerings.getOrDefault(m.id(), List.of())) {
                String svc = org + "-" + o.category();
                services.add(new Service(svc, org, Category.valueOf(o.category()).zh(), o.description()
                        + " (" + m.fulfilment().name().toLowerCase() + ", " + m.dailyCapacity() + "/day)",
                        m.isOpen() ? "active" : "inactive", List.of(o.category())));
                atLocations.add(new ServiceAtLocation(svc + "-at-location", svc, loc));
                int n = 0;
                for (TimeWindow w : m.hours()) {
                    schedules.add(new Schedule(svc + "-schedule-" + (++n), svc, loc, "WEEKLY",
                            BYDAY[w.day().ordinal()], w.from().toString(), w.to().toString()));
                }
            }
        }
        return new Directory("3.0", orgs, services, locations, atLocations, schedules);
    }
}
