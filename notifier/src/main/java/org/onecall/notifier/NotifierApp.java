package org.onecall.notifier;

import io.micronaut.runtime.Micronaut;

public final class NotifierApp {

    public static final String ENVIRONMENT = "notifier";

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(NotifierApp.class).environments(ENVIRONMENT).start();
    }

    private NotifierApp() {
    }
}
