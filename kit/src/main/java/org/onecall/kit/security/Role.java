package org.onecall.kit.security;

/** Who someone is to OneCall. Scope (which communities, which volunteer) travels beside it in the token. */
public enum Role {
    /** runs the installation: accounts, audit log, every community */
    ADMIN,
    /** community staff, grid leaders, the party secretary: the queue of their communities */
    COORDINATOR,
    /** takes hotline calls for the communities of their hotline */
    OPERATOR,
    /** sees only offers made to them and jobs they hold */
    VOLUNTEER,
    /** another OneCall service calling over HTTP */
    SERVICE
}
