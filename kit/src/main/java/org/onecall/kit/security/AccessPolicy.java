package org.onecall.kit.security;

import java.util.List;

/** A service's list of who may call which of its routes. A route in no policy is refused to everyone. */
public interface AccessPolicy {
    List<Access> rules();
}
