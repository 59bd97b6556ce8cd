package org.onecall.matcher.engine;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Min-cost assignment of needs (rows) to distinct volunteer slots (columns): the Hungarian method
 * with potentials, one shortest augmenting path per row. {@link #solve} takes a dense matrix,
 * O(n² m); {@link #solveSparse} takes each row's few candidate columns and finds each path with
 * Dijkstra, O(n E log m). Chosen with {@code bench/run matcher}: dense 200 × 2,000 in about a
 * millisecond, and the matcher's batches (25 candidates a need) sparse, where the dense method
 * crawls through forbidden cells; JGraphT (square only, or 0.8 s with a bipartite graph) and
 * OR-Tools' min-cost flow (60-70 ms, 110 MB of native jars) were slower for 200 × 2,000 (STACK.md).
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

    /**
     * Each row {@code i} may take the columns {@code columns[i][k]} at {@code costs[i][k]} (any sign);
     * returns each row's column, or -1 for a row that could not get any of its own. Rows are served in
     * order: the first row keeps its best column unless giving it up lowers the total.
     */
    public static int[] solveSparse(int columnCount, int[][] columns, double[][] costs) {
        int n = columns.length;
        double shift = 0;
        for (double[] row : costs) {
            for (double c : row) {
                shift = Math.min(shift, c);
            }
        }
        double[] u = new double[n];
        double[] v = new double[columnCount];
        int[] rowOf = new int[columnCount];
        int[] colOf = new int[n];
        Arrays.fill(rowOf, -1);
        Arrays.fill(colOf, -1);
        double[] dist = new double[columnCount];
        int[] prevRow = new int[columnCount];
        boolean[] done = new boolean[columnCount];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        int[] touched = new int[columnCount];
        for (int r = 0; r < n; r++) {
            int touchedCount = 0;
            PriorityQueue<double[]> heap = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
            int[] reached = new int[n];
            double[] rowDist = new double[n];
            int reachedCount = 0;
            reached[reachedCount] = r;
            rowDist[reachedCount++] = 0;
            int free = -1;
            double found = 0;
            int from = r;
            double base = 0;
            while (true) {
                for (int k = 0; k < columns[from].length; k++) {
                    int j = columns[from][k];
                    if (done[j]) {
                        continue;
                    }
                    double d = base + (costs[from][k] - shift) - u[from] - v[j];
                    if (d < dist[j]) {
                        if (dist[j] == Double.POSITIVE_INFINITY) {
                            touched[touchedCount++] = j;
                        }
                        dist[j] = d;
                        prevRow[j] = from;
                        heap.add(new double[] {d, j});
                    }
                }
                int next = -1;
                while (!heap.isEmpty()) {
                    double[] top = heap.poll();
                    int j = (int) top[1];
                    if (!done[j] && top[0] <= dist[j]) {
                        next = j;
                        break;
                    }
                }
                if (next < 0) {
                    break;
                }
                done[next] = true;
                if (rowOf[next] < 0) {
                    free = next;
                    found = dist[next];
                    break;
                }
                from = rowOf[next];
                base = dist[next];
                reached[reachedCount] = from;
                rowDist[reachedCount++] = base;
            }
            if (free >= 0) {
                for (int t = 0; t < touchedCount; t++) {
                    int j = touched[t];
                    if (done[j]) {
                        v[j] -= found - dist[j];
                    }
                }
                for (int t = 0; t < reachedCount; t++) {
                    u[reached[t]] += found - rowDist[t];
                }
                for (int j = free; ; ) {
                    int i = prevRow[j];
                    int previous = colOf[i];
                    colOf[i] = j;
                    rowOf[j] = i;
                    if (i == r) {
                        break;
                    }
                    j = previous;
                }
            }
            for (int t = 0; t < touchedCount; t++) {
                dist[touched[t]] = Double.POSITIVE_INFINITY;
                done[touched[t]] = false;
            }
        }
        return colOf;
    }
}
