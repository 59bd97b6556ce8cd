package org.onecall.matcher.engine;

import java.util.Arrays;

/**
 * Min-cost assignment of {@code n} rows (needs) to distinct columns among {@code m >= n}
 * (volunteer slots): the Hungarian method with potentials, one shortest augmenting path per row,
 * O(n² m). Chosen with {@code bench/run matcher} over JGraphT (square only, or 0.8 s with a
 * bipartite graph) and OR-Tools' min-cost flow (60-70 ms, 110 MB of native jars) for 200 × 2,000.
 * Cells the caller cannot use carry {@link #FORBIDDEN}; a row whose best is forbidden is unassigned.
 */
public final class Assignment {

    /** A cost no real assignment reaches. */
    public static final double FORBIDDEN = 1e12;

    private Assignment() {
    }

    /** For each row, its column, or -1 when only forbidden cells were left for it. */
    public static int[] solve(double[][] cost) {
        int n = cost.length;
        if (n == 0) {
            return new int[0];
        }
        int m = cost[0].length;
        if (m < n) {
            throw new IllegalArgumentException("needs at least as many columns as rows: " + n + " x " + m);
        }
        // 1-based arrays as in the classic formulation; column 0 is the virtual start
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                double[] row = cost[i0 - 1];
                double ui0 = u[i0];
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = row[j - 1] - ui0 - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] out = new int[n];
        Arrays.fill(out, -1);
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0 && cost[p[j] - 1][j - 1] < FORBIDDEN) {
                out[p[j] - 1] = j - 1;
            }
        }
        return out;
    }
}
