package org.onecall.dispatch.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.onecall.events.Location;

/** The bucket index finds exactly what a full scan finds, also after items move. */
class GridBucketsTest {

    @Test
    void radiusQueriesAgreeWithAFullScan() {
        Random random = new Random(4);
        GridBuckets<Integer> index = new GridBuckets<>();
        List<Location> at = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Location l = new Location(39.70 + random.nextDouble() * 0.06, 116.30 + random.nextDouble() * 0.08);
            at.add(l);
            index.put("r-" + i, l, i);
        }
        for (int i = 0; i < 1000; i += 3) {   // a third of them move
            Location l = new Location(39.70 + random.nextDouble() * 0.06, 116.30 + random.nextDouble() * 0.08);
            at.set(i, l);
            index.put("r-" + i, l, i);
        }
        assertEquals(5000, index.size());
        for (int q = 0; q < 200; q++) {
            Location centre = new Location(39.70 + random.nextDouble() * 0.06, 116.30 + random.nextDouble() * 0.08);
            double radius = 100 + random.nextDouble() * 2000;
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < at.size(); i++) {
                if (centre.metresTo(at.get(i)) <= radius) {
                    expected.add(i);
                }
            }
            expected.sort((a, b) -> Double.compare(centre.metresTo(at.get(a)), centre.metresTo(at.get(b))));
            assertEquals(expected, index.within(centre, radius).stream().map(GridBuckets.Hit::value).toList());
        }
    }
}
