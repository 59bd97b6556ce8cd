package org.onecall.dispatch.household;

/** A landline cannot take an SMS; the notifier and the operator both need to know which it is. */
public enum PhoneKind {
    MOBILE, LANDLINE
}
