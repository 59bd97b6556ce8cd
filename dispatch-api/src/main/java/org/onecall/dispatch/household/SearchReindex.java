package org.onecall.dispatch.household;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the search index up to date at start-up: households written before the index existed
 * (V1 data) or by an older tokeniser get their tokens. In batches, each its own transaction.
 */
@Singleton
class SearchReindex {

    private static final Logger LOG = LoggerFactory.getLogger(SearchReindex.class);

    private final Households households;

    SearchReindex(Households households) {
        this.households = households;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        int total = 0;
        int batch;
        while ((batch = households.reindexStale()) > 0) {
            total += batch;
        }
        if (total > 0) {
            LOG.info("indexed {} households for search", total);
        }
    }
}
