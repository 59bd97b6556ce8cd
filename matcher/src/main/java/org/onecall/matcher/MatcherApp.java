package org.onecall.matcher;

import io.micronaut.runtime.Micronaut;

public final class MatcherApp {

    public static final String ENVIRONMENT = "matcher";

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(MatcherApp.class).environments(ENVIRONMENT).start();
    }

    private MatcherApp() {
    }
}
