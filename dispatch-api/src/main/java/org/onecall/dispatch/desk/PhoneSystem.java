package org.onecall.dispatch.desk;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * A phone system (the hotline's PBX or a cloud call centre) allowed to announce incoming calls:
 * {@code onecall.phone-systems.<name>.token} (its own secret, sent as the {@value PhoneCallController#TOKEN_HEADER}
 * header) and {@code .community} (the community whose hotline it answers). Env:
 * {@code ONECALL_PHONE_SYSTEMS_<NAME>_TOKEN}, {@code ONECALL_PHONE_SYSTEMS_<NAME>_COMMUNITY}.
 */
@EachProperty("onecall.phone-systems")
class PhoneSystem {

    private final String name;
    private String token;
    private String community;

    PhoneSystem(@Parameter String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    String token() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    String community() {
        return community;
    }

    public void setCommunity(String community) {
        this.community = community;
    }
}
