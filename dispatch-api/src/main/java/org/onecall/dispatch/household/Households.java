package org.onecall.dispatch.household;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.household.NewHousehold.NewResident;
import org.onecall.dispatch.household.NewHousehold.PhoneInput;
import org.onecall.kit.Refusal;
import org.onecall.kit.security.CurrentCaller;
import org.onecall.dispatch.audit.Audit;

/** The household record: written with its phones, residents and search tokens in one transaction. */
@Singleton
public class Households {

    static final int MAX_RESULTS = 50;

    private final HouseholdRepository households;
    private final HouseholdPhoneRepository phones;
    private final ResidentRepository residents;
    private final CommunityRepository communities;
    private final ConnectionOperations<Connection> connections;
    private final Clock clock;
    private final CurrentCaller caller;
    private final Audit audit;

    Households(HouseholdRepository households, HouseholdPhoneRepository phones, ResidentRepository residents,
               CommunityRepository communities, ConnectionOperations<Connection> connections, Clock clock,
               CurrentCaller caller, Audit audit) {
        this.audit = audit;
        this.households = households;
        this.phones = phones;
        this.residents = residents;
        this.communities = communities;
        this.connections = connections;
        this.clock = clock;
        this.caller = caller;
    }

    @Transactional
    public Household register(String communityId, NewHousehold r) {
        HouseholdDraft d = HouseholdDraft.of(r);
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        // a grid leader registers households of their own grids only
        caller.requireHousehold(communityId, d.grid());
        Instant now = now();
        Household saved = households.save(new Household(null, communityId, d.grid(), d.headName(),
                d.phones().get(0).number().e164(), d.approximatePlace(), d.address(), d.lat(), d.lon(), now,
                d.compound(), d.buildingNo(), d.unitNo(), d.roomNo(), d.tags(), d.language(), d.contactNotes(),
                d.consent(), d.consent() ? now : null, now, SearchText.document(d.searchNames(), d.searchPlaces()),
                SearchText.VERSION));
        writeParts(saved, d, now);
        return saved;
    }

    /** Replaces the household's details, phones and residents with the request's. */
    @Transactional
    public Household replace(long id, NewHousehold r) {
        HouseholdDraft d = HouseholdDraft.of(r);
        Household old = get(id);
        // the route checked the household's grid; a grid leader cannot move it out of their grids either
        caller.requireHousehold(old.communityId(), d.grid());
        Instant now = now();
        // consent keeps the moment it was first given, as long as it is not withdrawn
        Instant consentAt = d.consent() ? (old.contactConsent() ? old.consentAt() : now) : null;
        Household updated = households.update(new Household(id, old.communityId(), d.grid(), d.headName(),
                d.phones().get(0).number().e164(), d.approximatePlace(), d.address(), d.lat(), d.lon(),
                old.createdAt(), d.compound(), d.buildingNo(), d.unitNo(), d.roomNo(), d.tags(), d.language(),
                d.contactNotes(), d.consent(), consentAt, now, SearchText.document(d.searchNames(), d.searchPlaces()),
                SearchText.VERSION));
        phones.deleteByHouseholdId(id);
        residents.deleteByHouseholdId(id);
        jdbc(c -> {
            SearchIndex.clear(c, id);
            return null;
        });
        writeParts(updated, d, now);
        return updated;
    }

    @Transactional
    public HouseholdPhone addPhone(long id, PhoneInput input) {
        Household h = get(id);
        HouseholdDraft.PhoneDraft d = HouseholdDraft.phone("", input);
        List<HouseholdPhone> existing = phones.findByHouseholdIdOrderByPosition(id);
        if (existing.stream().anyMatch(p -> p.e164().equals(d.number().e164()))) {
            throw Refusal.conflict("household " + id + " already has " + d.number().e164());
        }
        int position = existing.stream().mapToInt(HouseholdPhone::position).max().orElse(-1) + 1;
        HouseholdPhone saved = phones.save(new HouseholdPhone(null, id, d.number().e164(), d.number().localNumber(),
                d.number().kind(), d.label(), position, now()));
        households.update(h.withPhone(firstOf(phones.findByHouseholdIdOrderByPosition(id)), now()));
        return saved;
    }

    @Transactional
    public void removePhone(long id, long phoneId) {
        Household h = get(id);
        List<HouseholdPhone> existing = phones.findByHouseholdIdOrderByPosition(id);
        if (existing.stream().noneMatch(p -> p.id() == phoneId)) {
            throw Refusal.notFound("phone", phoneId + " of household " + id);
        }
        if (existing.size() == 1) {
            throw Refusal.conflict("household " + id + " keeps at least one phone: the hotline finds callers by it");
        }
        phones.deleteById(phoneId);
        households.update(h.withPhone(firstOf(phones.findByHouseholdIdOrderByPosition(id)), now()));
    }

    /** Unmasked phones of one household: audited, since masking is the rule everywhere else. */
    @io.micronaut.core.annotation.Introspected
    public record Contact(long householdId, String headName, String address, List<String> phones) {
    }

    @Transactional
    public Contact contact(long id) {
        Household h = get(id);
        audit.record(caller.username(), Audit.VIEW_CONTACT, "household:" + id, "contact details for a call-back");
        return new Contact(id, h.headName(), h.address(),
                phones.findByHouseholdIdOrderByPosition(id).stream().map(HouseholdPhone::e164).toList());
    }

    /**
     * Who is calling? Any accepted form of the number; a bare 7–8 digit landline number (the caller
     * left out the area code) matches by the number without area code.
     */
    public List<Household> byPhone(String phone) {
        return byPhone(phone, null);
    }

    /**
     * Only households the caller serves: an operator cannot look up another hotline's residents, nor
     * a grid leader households of other grids.
     */
    public List<Household> byPhone(String phone, String communityId) {
        List<Long> ids;
        if (PhoneNumbers.isSubscriberNumber(phone)) {
            String local = PhoneNumbers.digitsOf(phone);
            ids = jdbc(c -> SearchIndex.bySubscriberNumber(c, local, communityId, MAX_RESULTS));
        } else {
            PhoneNumbers.Normalised n;
            try {
                n = PhoneNumbers.normalise(phone);
            } catch (PhoneNumbers.NotAPhoneNumber e) {
                throw Refusal.invalid("phone", e.getMessage());
            }
            ids = jdbc(c -> SearchIndex.byPhone(c, n.e164(), communityId, MAX_RESULTS));
        }
        return load(ids).stream().filter(h -> caller.servesHousehold(h.communityId(), h.grid())).toList();
    }

    /**
     * The households with this mobile, whoever asks: an SMS from a resident is matched to its sender
     * by a service, and nothing about the household leaves with the answer.
     */
    public List<Long> idsByMobile(String phone) {
        PhoneNumbers.Normalised n;
        try {
            n = PhoneNumbers.normalise(phone);
        } catch (PhoneNumbers.NotAPhoneNumber e) {
            return List.of();
        }
        return jdbc(c -> SearchIndex.byPhone(c, n.e164(), null, MAX_RESULTS));
    }

    /**
     * Households of the community whose name, a resident's name or the address contains {@code query};
     * for a grid leader only those of their grids.
     */
    public List<Household> search(String communityId, String query, int limit) {
        caller.requireCommunityView(communityId);
        if (!communities.existsById(communityId)) {
            throw Refusal.notFound("community", communityId);
        }
        if (SearchText.queryTokens(query).isEmpty()) {
            throw Refusal.invalid("q", "give part of a name or address to search by");
        }
        Set<String> grids = caller.gridLimit().orElse(null);
        return load(jdbc(c -> SearchIndex.byText(c, communityId, query, limit, grids)));
    }

    /** The community's households (the queue's map draws the community's outline around them). */
    public List<Household> inCommunity(String communityId) {
        return households.findByCommunityId(communityId);
    }

    public List<Household> byIds(java.util.Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : households.findByIdIn(ids);
    }

    /** The first mobile number of a household, in full: the one an SMS can reach (a landline cannot). */
    public Optional<String> firstMobile(long id) {
        return phones.findByHouseholdIdOrderByPosition(id).stream().filter(p -> p.kind() == PhoneKind.MOBILE)
                .map(HouseholdPhone::localNumber).findFirst();
    }

    public Household get(long id) {
        return households.findById(id).orElseThrow(() -> Refusal.notFound("household", id));
    }

    public HouseholdView view(long id) {
        return views(List.of(get(id))).get(0);
    }

    public List<HouseholdView> views(List<Household> list) {
        List<Long> ids = list.stream().map(Household::id).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, List<HouseholdPhone>> phonesOf = phones.findByHouseholdIdInOrderByPosition(ids).stream()
                .collect(Collectors.groupingBy(HouseholdPhone::householdId));
        Map<Long, List<Resident>> residentsOf = residents.findByHouseholdIdInOrderByPosition(ids).stream()
                .collect(Collectors.groupingBy(Resident::householdId));
        return list.stream().map(h -> HouseholdView.of(h, phonesOf.getOrDefault(h.id(), List.of()),
                residentsOf.getOrDefault(h.id(), List.of()))).toList();
    }

    /** Indexes up to a batch of rows the current tokeniser has not written; returns how many. */
    @Transactional
    int reindexStale() {
        List<Household> stale = households.findTop500ByIndexedVersionLessThanOrderById(SearchText.VERSION);
        for (Household h : stale) {
            List<String> names = new ArrayList<>();
            names.add(h.headName());
            residents.findByHouseholdIdOrderByPosition(h.id()).forEach(r -> names.add(r.name()));
            List<String> places = List.of(h.address(), h.building());
            jdbc(c -> {
                SearchIndex.clear(c, h.id());
                SearchIndex.write(c, h.communityId(), h.id(), SearchText.tokens(names, places));
                return null;
            });
            households.update(h.indexed(SearchText.document(names, places), SearchText.VERSION));
        }
        return stale.size();
    }

    private void writeParts(Household h, HouseholdDraft d, Instant now) {
        for (int i = 0; i < d.phones().size(); i++) {
            HouseholdDraft.PhoneDraft p = d.phones().get(i);
            phones.save(new HouseholdPhone(null, h.id(), p.number().e164(), p.number().localNumber(),
                    p.number().kind(), p.label(), i, now));
        }
        for (int i = 0; i < d.residents().size(); i++) {
            NewResident r = d.residents().get(i);
            residents.save(new Resident(null, h.id(), r.name(), r.relation(), r.birthYear(), i));
        }
        jdbc(c -> {
            SearchIndex.write(c, h.communityId(), h.id(), SearchText.tokens(d.searchNames(), d.searchPlaces()));
            return null;
        });
    }

    private List<Household> load(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Household> byId = households.findByIdIn(ids).stream()
                .collect(Collectors.toMap(Household::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private static String firstOf(List<HouseholdPhone> list) {
        return list.stream().min(Comparator.comparingInt(HouseholdPhone::position)).orElseThrow().e164();
    }

    /** Micros, as both databases store them: what is returned equals what is read back later. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private interface Sql<R> {
        R run(Connection c) throws SQLException;
    }

    /** Plain JDBC on the connection of the current transaction (or a fresh one for reads). */
    private <R> R jdbc(Sql<R> sql) {
        return connections.executeWrite(status -> {
            try {
                return sql.run(status.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException("household search index: " + e.getMessage(), e);
            }
        });
    }
}
