package org.onecall.dispatch.department;

/** What a department does; the ladder's page shows it in words. */
public enum DepartmentKind {
    /** 物业 */
    PROPERTY_MANAGEMENT,
    /** 供水 / 排水 */
    WATER,
    /** 供暖 */
    HEATING,
    /** 供电 */
    ELECTRICITY,
    /** 城管 */
    CITY_MANAGEMENT,
    /** 派出所 */
    POLICE,
    /** 民政 / 卫健 and the rest */
    OTHER
}
