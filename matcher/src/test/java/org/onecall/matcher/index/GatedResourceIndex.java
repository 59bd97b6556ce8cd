package org.onecall.matcher.index;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import org.onecall.events.ResourceEvents.MerchantStateChanged;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;

/**
 * Test only, and only where {@value #PROPERTY} is true: an index whose writes wait for {@link #open()},
 * so a test can hold a restarted matcher in the "index not rebuilt yet" state for as long as it needs.
 */
@Singleton
@Replaces(ResourceIndex.class)
@Requires(property = GatedResourceIndex.PROPERTY, value = "true")
public class GatedResourceIndex extends ResourceIndex {

    public static final String PROPERTY = "onecall.test.gated-resource-index";

    private static volatile CountDownLatch gate = new CountDownLatch(0);

    /** Closes the gate for the next context's feed. */
    public static void close() {
        gate = new CountDownLatch(1);
    }

    public static void open() {
        gate.countDown();
    }

    @Override
    public void put(VolunteerStateChanged v) {
        pass();
        super.put(v);
    }

    @Override
    public void put(MerchantStateChanged m) {
        pass();
        super.put(m);
    }

    private static void pass() {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
