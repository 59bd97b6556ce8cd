package org.onecall.dispatch.volunteer;

/** A suspended volunteer stays on the list (history, hours) but is never offered a job. */
public enum VolunteerStatus {
    ACTIVE, SUSPENDED
}
