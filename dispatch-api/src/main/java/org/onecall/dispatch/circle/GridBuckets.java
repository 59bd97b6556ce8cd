package org.onecall.dispatch.circle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.onecall.events.Location;

/**
 * A bucket index on a fixed lat/lon grid: each item sits in one cell; a radius query visits only
 * the cells the circle's bounding box touches, then checks the true distance. With cells of about
 * 250 m, a 1.2 km circle reads about 11 x 11 cells, whatever the size of the city. Updatable in
 * place (unlike a packed STRtree), which suits one write per volunteer state change.
 *
 * @param <T> what is stored, keyed by a stable string id ("volunteer-12")
 */
final class GridBuckets<T> {

    /** 0.00225 degrees of latitude is about 250 m. */
    static final double CELL_DEGREES = 0.00225;
    private static final double METRES_PER_DEGREE = 111_195d;

    record Item<T>(String key, Location at, T value) {
    }

    record Hit<T>(T value, double metres) {
    }

    private final Map<Long, Map<String, Item<T>>> cells = new ConcurrentHashMap<>();
    private final Map<String, Long> cellOf = new ConcurrentHashMap<>();

    /** Puts or moves an item: removed from its old cell first, so a moved volunteer is never found twice. */
    synchronized void put(String key, Location at, T value) {
        remove(key);
        long cell = cell(row(at.lat()), col(at.lon()));
        cells.computeIfAbsent(cell, c -> new ConcurrentHashMap<>()).put(key, new Item<>(key, at, value));
        cellOf.put(key, cell);
    }

    synchronized void remove(String key) {
        Long old = cellOf.remove(key);
        if (old != null) {
            Map<String, Item<T>> bucket = cells.get(old);
            if (bucket != null) {
                bucket.remove(key);
            }
        }
    }

    synchronized void clear() {
        cells.clear();
        cellOf.clear();
    }

    int size() {
        return cellOf.size();
    }

    /** Items within {@code metres} of {@code centre}, nearest first. */
    List<Hit<T>> within(Location centre, double metres) {
        double dLat = metres / METRES_PER_DEGREE;
        double dLon = metres / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(centre.lat()))));
        long r0 = row(centre.lat() - dLat), r1 = row(centre.lat() + dLat);
        long c0 = col(centre.lon() - dLon), c1 = col(centre.lon() + dLon);
        List<Hit<T>> hits = new ArrayList<>();
        for (long r = r0; r <= r1; r++) {
            for (long c = c0; c <= c1; c++) {
                Map<String, Item<T>> bucket = cells.get(cell(r, c));
                if (bucket == null) {
                    continue;
                }
                for (Item<T> item : bucket.values()) {
                    double d = centre.metresTo(item.at());
                    if (d <= metres) {
                        hits.add(new Hit<>(item.value(), d));
                    }
                }
            }
        }
        hits.sort((a, b) -> Double.compare(a.metres(), b.metres()));
        return hits;
    }

    private static long row(double lat) {
        return (long) Math.floor(lat / CELL_DEGREES);
    }

    private static long col(double lon) {
        return (long) Math.floor(lon / CELL_DEGREES);
    }

    private static long cell(long row, long col) {
        return (row << 32) ^ (col & 0xffffffffL);
    }
}
