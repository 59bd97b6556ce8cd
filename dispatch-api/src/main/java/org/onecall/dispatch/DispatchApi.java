package org.onecall.dispatch;

import io.micronaut.runtime.Micronaut;

/** dispatch-api on its own: its settings come from application-dispatch.yml and the environment. */
public final class DispatchApi {

    public static final String ENVIRONMENT = "dispatch";

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(DispatchApi.class).environments(ENVIRONMENT).start();
    }

    private DispatchApi() {
    }
}
