package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;

/**
 * The rungs of the escalation ladder (吹哨报到), bottom up, as a table like {@link NeedStatus}: who holds a
 * need nobody takes, and where it goes when their time runs out. The job climbs needs up to STREET; a
 * department is called in by a person (the street or community office), never by a timer.
 */
public enum Rung {
    /** the leaders of the teams that serve the category (队长) */
    TEAM_LEADER("队长", "team leader"),
    /** the grid leader of the household's grid (网格长) */
    GRID_LEADER("网格长", "grid leader"),
    /** the community office (社区书记 / 社区工作人员) */
    COORDINATOR("社区", "community coordinator"),
    /** the street office (街道), which calls in departments */
    STREET("街道", "street office"),
    /** a department (职能部门) took it over; the community still closes it with the resident */
    DEPARTMENT("职能部门", "department");

    private final String zh;
    private final String en;

    Rung(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    /** The next rung the job climbs to; null at STREET and DEPARTMENT (people act from there). */
    @Nullable
    Rung next() {
        return switch (this) {
            case TEAM_LEADER -> GRID_LEADER;
            case GRID_LEADER -> COORDINATOR;
            case COORDINATOR -> STREET;
            case STREET, DEPARTMENT -> null;
        };
    }

    /** Whether this rung has a timer (the rungs the job climbs from). */
    boolean timed() {
        return next() != null;
    }

    String words() {
        return zh + " " + en;
    }
}
