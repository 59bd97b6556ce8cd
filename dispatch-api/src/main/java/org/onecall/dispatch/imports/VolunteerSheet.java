package org.onecall.dispatch.imports;

import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.onecall.dispatch.team.Teams;
import org.onecall.dispatch.volunteer.NewVolunteer;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.dispatch.volunteer.VolunteerKind;
import org.onecall.dispatch.volunteer.VolunteerStatus;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.Category;
import org.onecall.events.DatePeriod;
import org.onecall.events.TimeWindow;

/**
 * The volunteer roster (志愿者名册): one line is one {@link NewVolunteer} and the teams it joins. The
 * same bean-validation rules as the HTTP API apply, reported under the column's header; phones must
 * be new to the community and to the file, teams must exist.
 */
@Singleton
class VolunteerSheet implements SheetKind<VolunteerSheet.Row> {

    private static final Map<String, VolunteerColumns> FIELD_TO_COLUMN = Map.ofEntries(
            Map.entry("name", VolunteerColumns.NAME), Map.entry("phone", VolunteerColumns.PHONE),
            Map.entry("skills", VolunteerColumns.SKILLS), Map.entry("lat", VolunteerColumns.LAT),
            Map.entry("lon", VolunteerColumns.LON), Map.entry("maxConcurrentJobs", VolunteerColumns.MAX_JOBS),
            Map.entry("grid", VolunteerColumns.GRID), Map.entry("languages", VolunteerColumns.LANGUAGES),
            Map.entry("availability", VolunteerColumns.AVAILABILITY), Map.entry("leave", VolunteerColumns.LEAVE),
            Map.entry("joinedOn", VolunteerColumns.JOINED));

    private final Validator validator;
    private final Volunteers volunteers;
    private final Teams teams;

    VolunteerSheet(Validator validator, Volunteers volunteers, Teams teams) {
        this.validator = validator;
        this.volunteers = volunteers;
        this.teams = teams;
    }

    record Row(NewVolunteer volunteer, List<String> teams) {
    }

    @Override
    public String name() {
        return "volunteers";
    }

    @Override
    public Reader<Row> reader(String communityId, List<String> header) {
        Columns.Layout<VolunteerColumns> layout = Columns.layout(VolunteerColumns.class, header);
        Once phones = new Once(volunteers.phonesIn(communityId));
        Map<String, Boolean> teamExists = new HashMap<>();
        return Reader.of(layout, cells -> {
            Row row = parse(cells);
            String phone = Volunteers.phoneDigits(row.volunteer().phone());
            if (phone.length() >= 5) {
                phones.problem(phone, cells.line().number()).ifPresent(p -> cells.error(VolunteerColumns.PHONE, p));
            }
            for (String team : row.teams()) {
                if (!teamExists.computeIfAbsent(team, t -> teams.findByName(communityId, t).isPresent())) {
                    cells.error(VolunteerColumns.TEAMS, ReasonCode.NO_SUCH_TEAM, "team", team);
                }
            }
            return Parsed.of(cells, row, cells.validated(validator, row.volunteer(), FIELD_TO_COLUMN));
        });
    }

    private static Row parse(Cells<VolunteerColumns> cells) {
        String name = cells.text(VolunteerColumns.NAME);
        String phone = cells.text(VolunteerColumns.PHONE);
        cells.required(VolunteerColumns.NAME);
        cells.required(VolunteerColumns.PHONE);
        VolunteerKind kind = cells.parse(VolunteerColumns.KIND, t -> VolunteerKind.parse(t)
                .orElseThrow(() -> new Reason.Bad(ReasonCode.UNKNOWN_VOLUNTEER_KIND, "value", t)), null);
        List<Category> skills = cells.parse(VolunteerColumns.SKILLS, Cells::categories, List.of());
        if (cells.text(VolunteerColumns.SKILLS).isEmpty()) {
            cells.error(VolunteerColumns.SKILLS, ReasonCode.SKILLS_EMPTY);
        }
        Double lat = cells.parse(VolunteerColumns.LAT, Cells::number, null);
        Double lon = cells.parse(VolunteerColumns.LON, Cells::number, null);
        cells.required(VolunteerColumns.LAT);
        cells.required(VolunteerColumns.LON);
        List<TimeWindow> hours = cells.parse(VolunteerColumns.AVAILABILITY, Cells::hours, List.of());
        Integer max = cells.parse(VolunteerColumns.MAX_JOBS, Cells::whole, 1);
        List<String> languages = cells.parse(VolunteerColumns.LANGUAGES, Cells::list, List.of());
        List<DatePeriod> leave = cells.parse(VolunteerColumns.LEAVE, Cells::periods, List.of());
        Boolean onDuty = cells.parse(VolunteerColumns.ON_DUTY, Cells::yesNo, true);
        VolunteerStatus status = cells.parse(VolunteerColumns.STATUS, VolunteerSheet::status, VolunteerStatus.ACTIVE);
        LocalDate joined = cells.parse(VolunteerColumns.JOINED, Cells::date, null);
        List<String> teams = cells.parse(VolunteerColumns.TEAMS, Cells::list, List.of());
        String grid = cells.text(VolunteerColumns.GRID);
        return new Row(new NewVolunteer(name, phone, skills, lat, lon, max, onDuty, kind,
                grid.isEmpty() ? null : grid, languages, hours, leave, status, joined), teams);
    }

    private static VolunteerStatus status(String text) {
        return switch (text.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "正常", "在册", "ACTIVE" -> VolunteerStatus.ACTIVE;
            case "暂停", "停用", "SUSPENDED" -> VolunteerStatus.SUSPENDED;
            default -> throw new Reason.Bad(ReasonCode.UNKNOWN_STATUS, "value", text);
        };
    }

    /** Volunteers in batches, then their team memberships. */
    @Override
    public int write(String communityId, List<Row> rows, IntConsumer progress) {
        List<Volunteer> saved = volunteers.registerAll(communityId, rows.stream().map(Row::volunteer).toList(),
                progress);
        for (int i = 0; i < saved.size(); i++) {
            for (String team : rows.get(i).teams()) {
                teams.join(communityId, team, saved.get(i).id());
            }
        }
        return saved.size();
    }
}
