package org.onecall.dispatch.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import io.micronaut.context.annotation.Value;
import org.onecall.dispatch.account.Accounts;
import org.onecall.dispatch.account.NewAccount;
import org.onecall.dispatch.community.Community;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.dispatch.community.Street;
import org.onecall.dispatch.community.StreetRepository;
import org.onecall.dispatch.department.DepartmentKind;
import org.onecall.dispatch.department.Departments;
import org.onecall.dispatch.household.Households;
import org.onecall.dispatch.household.NewHousehold;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.dispatch.team.Teams;
import org.onecall.dispatch.volunteer.NewVolunteer;
import org.onecall.dispatch.volunteer.Volunteers;
import org.onecall.events.Category;
import org.onecall.kit.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small community in the spirit of Xinghua Nanli, Daxing (shared/DOMAIN.md), on its street
 * (Qingyuan, 清源街道): three grids with their leaders, twenty volunteers in four teams with their
 * leaders, three merchants, twelve households, four departments; staff at each level of the ladder
 * (street, community, grid leader of grid-1, hotline operator). Loaded
 * once, through the same services an operator uses, so every volunteer's state also reaches the
 * matcher as an event.
 */
@Singleton
@Requires(property = "onecall.demo.enabled", value = "true")
class DemoCommunity {

    static final String ID = "xinghua-nanli";
    static final String STREET = "qingyuan";
    static final String STREET_PHONE = "13700010001";
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommunity.class);
    private static final double LAT = 39.7275;
    private static final double LON = 116.3405;

    private final CommunityRepository communities;
    private final StreetRepository streets;
    private final Teams teams;
    private final Households households;
    private final Volunteers volunteers;
    private final Merchants merchants;
    private final Clock clock;
    private final Accounts accounts;
    private final Departments departments;
    private final String password;
    private final boolean adminPasswordSet;

    DemoCommunity(CommunityRepository communities, StreetRepository streets, Teams teams, Households households,
                  Volunteers volunteers, Merchants merchants, Clock clock, Accounts accounts,
                  Departments departments, @Value("${onecall.demo.password}") String password,
                  @Value("${onecall.security.admin-password:}") String adminPassword) {
        this.adminPasswordSet = !adminPassword.isBlank();
        this.departments = departments;
        this.streets = streets;
        this.teams = teams;
        this.accounts = accounts;
        this.password = password;
        this.communities = communities;
        this.households = households;
        this.volunteers = volunteers;
        this.merchants = merchants;
        this.clock = clock;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (communities.existsById(ID)) {
            return;
        }
        load();
        LOG.info("demo community {} loaded; staff accounts admin, street-chen, coordinator-zhang, gridleader-li and"
                + " operator-wang use the demo password (ONECALL_DEMO_PASSWORD); volunteers sign in with an SMS code"
                + " (see /api/sms as admin)", ID);
    }

    @Transactional
    void load() {
        if (!streets.existsById(STREET)) {
            streets.save(new Street(STREET, "清源街道 Qingyuan Street", clock.instant()));
        }
        communities.save(new Community(ID, "兴华南里社区 Xinghua Nanli", STREET, clock.instant()));
        for (int g = 1; g <= 3; g++) {
            teams.createGrid(ID, "grid-" + g, "第" + "一二三".charAt(g - 1) + "网格 Grid " + g, null);
        }
        String[][] people = {
                // name, phone, skills, grid offset
                {"李建国", "13800010001", "MEDICINE,ERRANDS"}, {"王秀英", "13800010002", "MEALS,HOME_CARE"},
                {"张伟", "13800010003", "REPAIRS"}, {"刘芳", "13800010004", "COMPANIONSHIP,COUNSELLING"},
                {"陈明", "13800010005", "HOSPITAL_ESCORT,MEDICINE"}, {"杨丽", "13800010006", "MEALS,ERRANDS"},
                {"赵强", "13800010007", "REPAIRS,ENVIRONMENT_SAFETY"}, {"黄敏", "13800010008", "POLICY_CONSULTING"},
                {"周杰", "13800010009", "EDUCATION"}, {"吴静", "13800010010", "MEDIATION,COUNSELLING"},
                {"徐磊", "13800010011", "ERRANDS,MEDICINE"}, {"孙红", "13800010012", "HOME_CARE,COMPANIONSHIP"},
                {"马超", "13800010013", "REPAIRS"}, {"朱燕", "13800010014", "MEALS"},
                {"胡军", "13800010015", "EMPLOYMENT,POLICY_CONSULTING"}, {"郭玲", "13800010016", "HOSPITAL_ESCORT"},
                {"何平", "13800010017", "ENVIRONMENT_SAFETY"}, {"高翔", "13800010018", "ERRANDS,MEALS"},
                {"林霞", "13800010019", "COMPANIONSHIP"}, {"罗刚", "13800010020", "MEDICINE,HOME_CARE"}};
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < people.length; i++) {
            List<Category> skills = java.util.Arrays.stream(people[i][2].split(",")).map(Category::valueOf).toList();
            ids.add(volunteers.register(ID, new NewVolunteer(people[i][0], people[i][1], skills, LAT + offset(i, 7),
                    LON + offset(i, 11), 2, i % 5 != 4)).id());
        }
        ladder(ids);
        String[][] homes = {
                {"赵大爷", "13900020001", "1号楼", "1号楼2单元301", "grid-1"},
                {"钱奶奶", "13900020002", "2号楼", "2号楼1单元502", "grid-1"},
                {"孙阿姨", "13900020003", "3号楼", "3号楼3单元101", "grid-1"},
                {"李爷爷", "01069200004", "4号楼", "4号楼1单元602", "grid-2"},
                {"周奶奶", "13900020005", "5号楼", "5号楼2单元201", "grid-2"},
                {"吴叔叔", "13900020006", "6号楼", "6号楼1单元402", "grid-2"},
                {"郑大妈", "13900020007", "7号楼", "7号楼3单元302", "grid-2"},
                {"王大爷", "13900020008", "8号楼", "8号楼1单元101", "grid-3"},
                {"冯奶奶", "13900020009", "9号楼", "9号楼2单元502", "grid-3"},
                {"陈阿姨", "13900020010", "10号楼", "10号楼1单元201", "grid-3"},
                {"褚爷爷", "01069200011", "11号楼", "11号楼2单元301", "grid-3"},
                {"卫奶奶", "13900020012", "12号楼", "12号楼1单元601", "grid-3"}};
        for (int i = 0; i < homes.length; i++) {
            households.register(ID, new NewHousehold(homes[i][0], homes[i][1], "兴华南里" + homes[i][2],
                    "北京市大兴区兴华南里" + homes[i][3], homes[i][4], LAT + offset(i, 5), LON + offset(i, 3)));
        }
        // a phone: the street office is texted when a need reaches the top of the ladder (the phones page shows it)
        demoAccount(new NewAccount("street-chen", "陈主任 (清源街道)", Role.COORDINATOR, List.of(), STREET, List.of(),
                null, STREET_PHONE, password));
        demoAccount(NewAccount.of("coordinator-zhang", "张书记 (社区书记)", Role.COORDINATOR, List.of(ID), null, null,
                password));
        demoAccount(new NewAccount("gridleader-li", "李网格长 (第一网格)", Role.COORDINATOR, List.of(ID), null,
                List.of("grid-1"), null, null, password));
        demoAccount(NewAccount.of("operator-wang", "王接线员", Role.OPERATOR, List.of(ID), null, null, password));
        if (!adminPasswordSet) {
            // with ONECALL_ADMIN_PASSWORD set, AccountBootstrap makes the admin with that password
            demoAccount(NewAccount.of("admin", "管理员 Administrator", Role.ADMIN, List.of(), null, null, password));
        }
        merchants.register(ID, "兴华大药房", List.of("MEDICINE"), LAT + 0.001, LON - 0.001, 40);
        merchants.register(ID, "兴华长者食堂", List.of("MEALS"), LAT - 0.0012, LON + 0.0008, 120);
        merchants.register(ID, "邻里生鲜超市", List.of("ERRANDS"), LAT + 0.0004, LON + 0.0015, 80);
    }

    /**
     * The people of the escalation ladder: four teams with their leaders (the first rung), a grid leader
     * for each grid (the second), and departments to hand needs to at the top (吹哨报到).
     */
    private void ladder(List<Long> volunteerIds) {
        // team name, specialty (categories the ladder matches), leader and members by index into the people
        Object[][] squads = {
                {"代购送药服务队", "MEDICINE,ERRANDS 代购药品 代购代办", new int[] {10, 0, 4, 5, 17, 19}},
                {"助餐助洁服务队", "MEALS,HOME_CARE 送餐 居家养老", new int[] {1, 5, 11, 13, 17, 19}},
                {"维修服务队", "REPAIRS,ENVIRONMENT_SAFETY 维修 环境安全", new int[] {2, 6, 12, 16}},
                {"关爱陪伴服务队", "COMPANIONSHIP,COUNSELLING,HOSPITAL_ESCORT,MEDIATION 陪伴 陪诊 调解",
                        new int[] {3, 4, 9, 11, 15, 18}}};
        for (Object[] squad : squads) {
            int[] members = (int[]) squad[2];
            var team = teams.createTeam(ID, (String) squad[0], (String) squad[1], volunteerIds.get(members[0]));
            for (int m = 1; m < members.length; m++) {
                teams.addMember(team.id(), volunteerIds.get(members[m]));
            }
        }
        teams.setGridLeader(ID, "grid-1", volunteerIds.get(7));
        teams.setGridLeader(ID, "grid-2", volunteerIds.get(14));
        teams.setGridLeader(ID, "grid-3", volunteerIds.get(8));
        departments.add(ID, "兴华物业服务中心", DepartmentKind.PROPERTY_MANAGEMENT, "周经理", "010-69200101", false);
        departments.add(ID, "排水集团大兴分公司", DepartmentKind.WATER, "刘工", "010-69200102", true);
        departments.add(ID, "大兴热力公司", DepartmentKind.HEATING, "孙师傅", "010-69200103", true);
        departments.add(ID, "清源街道城管执法队", DepartmentKind.CITY_MANAGEMENT, "赵队长", "010-69200104", true);
    }

    private void demoAccount(NewAccount account) {
        // checked, not caught: a refusal inside this transaction would mark it for rollback
        if (!accounts.exists(account.username())) {
            accounts.create(account);
        }
    }

    /** Spreads people over roughly 400 m x 400 m, deterministically. */
    private static double offset(int i, int prime) {
        return ((i * prime) % 17 - 8) * 0.00025;
    }
}
