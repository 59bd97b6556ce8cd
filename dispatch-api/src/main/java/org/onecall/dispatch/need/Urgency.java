package org.onecall.dispatch.need;

public enum Urgency {
    /** someone should be on the way within the hour */
    URGENT,
    TODAY,
    /** any time in the next days, or by appointment */
    FLEXIBLE
}
