package org.onecall.matcher.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.onecall.events.Location;
import org.onecall.events.ResourceEvents.VolunteerStateChanged;

/**
 * One community's volunteers in square cells of about {@link #CELL_METERS}, searched ring by ring
 * from the need outwards: the k nearest who pass a test are found after looking at the few cells
 * around the need, not at every volunteer. Chosen with {@code bench/run matcher}: with 100,000
 * volunteers a search visits a few hundred of them. Thread-safe by its monitor (one writer, the
 * resource feed; readers are the matching threads).
 */
public final class VolunteerGrid {

    static final double CELL_METERS = 100;
    private static final double METERS_PER_DEGREE = 111_320;

    /** A volunteer found, with the straight-line distance to the need. */
    public record Near(VolunteerStateChanged volunteer, double meters) {
    }

    private final double cellLat;
    private final double cellLon;
    /** Metres per degree of longitude at the community: a flat map is exact enough within a few kilometres. */
    private final double metresPerLon;
    private final Map<Long, List<VolunteerStateChanged>> cells = new HashMap<>();
    private final Map<Long, Long> cellOf = new HashMap<>();

    VolunteerGrid(double latitude) {
        cellLat = CELL_METERS / METERS_PER_DEGREE;
        metresPerLon = METERS_PER_DEGREE * Math.max(0.2, Math.cos(Math.toRadians(latitude)));
        cellLon = CELL_METERS / metresPerLon;
    }

    synchronized void put(VolunteerStateChanged v) {
        Long old = cellOf.remove(v.volunteerId());
        if (old != null) {
            cells.get(old).removeIf(x -> x.volunteerId() == v.volunteerId());
        }
        if (v.home() == null) {
            return;
        }
        long key = key(row(v.home()), col(v.home()));
        cells.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
        cellOf.put(v.volunteerId(), key);
    }

    /**
     * Up to {@code want} volunteers nearest to {@code at} within {@code maxMeters} that pass {@code test},
     * nearest first. Exact: a ring is only left once nothing nearer can be in the next one.
     */
    public synchronized List<Near> nearest(Location at, double maxMeters, int want, Predicate<VolunteerStateChanged> test) {
        int row = row(at);
        int col = col(at);
        List<Near> found = new ArrayList<>();
        Comparator<Near> order = Comparator.comparingDouble(Near::meters);
        int maxRing = (int) Math.ceil(maxMeters / CELL_METERS) + 1;
        for (int ring = 0; ring <= maxRing; ring++) {
            for (int r = row - ring; r <= row + ring; r++) {
                boolean edgeRow = r == row - ring || r == row + ring;
                for (int c = col - ring; c <= col + ring; c += edgeRow || ring == 0 ? 1 : 2 * ring) {
                    List<VolunteerStateChanged> cell = cells.get(key(r, c));
                    if (cell == null) {
                        continue;
                    }
                    for (VolunteerStateChanged v : cell) {
                        double m = flatMetres(v.home(), at);
                        if (m <= maxMeters && test.test(v)) {
                            found.add(new Near(v, m));
                        }
                    }
                }
            }
            // everything outside rings 0..ring is at least ring cells away
            double covered = ring * CELL_METERS * 0.999;
            if (found.size() >= want && found.stream().filter(n -> n.meters() <= covered).count() >= want) {
                break;
            }
        }
        found.sort(order);
        return found.size() > want ? new ArrayList<>(found.subList(0, want)) : found;
    }

    synchronized int size() {
        return cellOf.size();
    }

    /** The great circle's asin costs more than the rest of a search; at this scale the flat distance is within 0.1%. */
    private double flatMetres(Location a, Location b) {
        double dy = (a.lat() - b.lat()) * METERS_PER_DEGREE;
        double dx = (a.lon() - b.lon()) * metresPerLon;
        return Math.sqrt(dx * dx + dy * dy);
    }

    private int row(Location l) {
        return (int) Math.floor(l.lat() / cellLat);
    }

    private int col(Location l) {
        return (int) Math.floor(l.lon() / cellLon);
    }

    /** One number per cell, its bits mixed (a bijection) so neighbouring cells do not share hash buckets. */
    private static long key(int row, int col) {
        return (((long) row << 32) | (col & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
    }
}
