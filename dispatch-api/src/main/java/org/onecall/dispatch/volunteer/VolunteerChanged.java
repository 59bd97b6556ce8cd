package org.onecall.dispatch.volunteer;

/** In-process notice of a volunteer's new state, for views kept in memory (the service circle's index). */
public record VolunteerChanged(Volunteer volunteer) {
}
