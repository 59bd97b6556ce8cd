package org.onecall.dispatch.household;

import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.onecall.dispatch.household.NewHousehold.NewResident;
import org.onecall.dispatch.household.NewHousehold.PhoneInput;
import org.onecall.kit.Refusal;

/**
 * A request that passed the shape checks, with the rules applied that bean validation cannot
 * express (phone formats, duplicates, an address that can be found). Built completely before
 * anything is written, so a refusal never leaves half a household behind.
 */
record HouseholdDraft(String headName, List<PhoneDraft> phones, String compound, String buildingNo, String unitNo,
                      String roomNo, String approximatePlace, String address, String grid, double lat, double lon,
                      String tags, String language, String contactNotes, boolean consent,
                      List<NewResident> residents) {

    record PhoneDraft(PhoneNumbers.Normalised number, String label) {
    }

    static HouseholdDraft of(NewHousehold r) {
        List<PhoneDraft> phones = phones(r);
        String compound = Text.clean(r.compound());
        String building = Text.clean(r.building());
        String unit = Text.clean(r.unit());
        String room = Text.clean(r.room());
        if (compound == null && building == null) {
            throw Refusal.invalid("building", "give the compound and building (e.g. 兴华南里, 2号楼), at least one");
        }
        String place = compound == null ? building
                : building == null || building.startsWith(compound) ? (building == null ? compound : building)
                : compound + building;
        String address = Text.clean(r.address());
        if (address == null) {
            address = place + (unit == null ? "" : unit) + (room == null ? "" : room);
        }
        if (r.lat() == 0.0 && r.lon() == 0.0) {
            throw Refusal.invalid("lat", "0, 0 is in the Gulf of Guinea: the position is missing");
        }
        List<NewResident> residents = new ArrayList<>();
        List<NewResident> given = r.residents() == null ? List.of() : r.residents();
        for (int i = 0; i < given.size(); i++) {
            NewResident p = given.get(i);
            if (p.birthYear() != null && p.birthYear() > Year.now().getValue()) {
                throw Refusal.invalid("residents[" + i + "].birthYear", "is in the future");
            }
            residents.add(new NewResident(p.name().strip(), p.relation(), p.birthYear()));
        }
        String tags = r.tags() == null ? "" : r.tags().stream().distinct().sorted().map(Enum::name)
                .collect(Collectors.joining(","));
        return new HouseholdDraft(r.headName().strip(), phones, compound, building, unit, room, place, address,
                Text.clean(r.grid()), r.lat(), r.lon(), tags, Text.clean(r.language()), Text.clean(r.contactNotes()),
                Boolean.TRUE.equals(r.consentToContact()), List.copyOf(residents));
    }

    /** Names and places the substring search covers. */
    List<String> searchNames() {
        return Stream.concat(Stream.of(headName), residents.stream().map(NewResident::name)).toList();
    }

    List<String> searchPlaces() {
        return Stream.of(address, approximatePlace).toList();
    }

    static PhoneDraft phone(String field, PhoneInput input) {
        PhoneNumbers.Normalised n;
        try {
            n = PhoneNumbers.normalise(input.number());
        } catch (PhoneNumbers.NotAPhoneNumber e) {
            throw Refusal.invalid(field + "number", e.getMessage());
        }
        if (input.kind() != null && input.kind() != n.kind()) {
            throw Refusal.invalid(field + "kind", "the number is a " + n.kind() + " number, not " + input.kind());
        }
        return new PhoneDraft(n, Text.clean(input.label()));
    }

    private static List<PhoneDraft> phones(NewHousehold r) {
        List<PhoneDraft> phones = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        if (r.phone() != null && !r.phone().isBlank()) {
            PhoneDraft d;
            try {
                d = new PhoneDraft(PhoneNumbers.normalise(r.phone()), null);
            } catch (PhoneNumbers.NotAPhoneNumber e) {
                throw Refusal.invalid("phone", e.getMessage());
            }
            phones.add(d);
            seen.put(d.number().e164(), "phone");
        }
        List<PhoneInput> given = r.phones() == null ? List.of() : r.phones();
        for (int i = 0; i < given.size(); i++) {
            String field = "phones[" + i + "].";
            PhoneDraft d = phone(field, given.get(i));
            String earlier = seen.putIfAbsent(d.number().e164(), field + "number");
            if (earlier != null) {
                throw Refusal.invalid(field + "number", "the same number as " + earlier);
            }
            phones.add(d);
        }
        if (phones.isEmpty()) {
            throw Refusal.invalid("phones", "give at least one phone number: the hotline finds callers by it");
        }
        return List.copyOf(phones);
    }
}
