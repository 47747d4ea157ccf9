package dev.viva.grader.service;

import java.util.Arrays;
import java.util.List;

/**
 * Agreement between machine and reviewed scores of the same answers. Spearman's rank correlation (ties
 * get their mean rank), quadratic weighted kappa on the 0–100 scale, and the mean signed difference
 * machine − reviewer (positive: the grader is lenient). Each is null when it is undefined for the pairs.
 */
public final class Agreement {

    private Agreement() {
    }

    public record Pair(int machine, int reviewed) {
    }

    public static Double meanSignedDifference(List<Pair> pairs) {
        return pairs.isEmpty() ? null : pairs.stream().mapToInt(p -> p.machine() - p.reviewed()).average().orElseThrow();
    }

    /**
     * Quadratic weighted kappa: 1 − Σ w·O / Σ w·E with w = (i − j)² / (k − 1)². With O the observed pairs and
     * E the product of the two marginal histograms over n, this is exactly
     * 1 − Σₚ (aₚ − bₚ)² / ((1/n) Σₚ Σ_q (aₚ − b_q)²); the (k − 1)² cancels.
     */
    public static Double quadraticWeightedKappa(List<Pair> pairs) {
        int n = pairs.size();
        if (n < 2) {
            return null;
        }
        double observed = 0;
        for (Pair p : pairs) {
            observed += square(p.machine() - p.reviewed());
        }
        double expected = 0;
        for (Pair p : pairs) {
            for (Pair q : pairs) {
                expected += square(p.machine() - q.reviewed());
            }
        }
        expected /= n;
        return expected == 0 ? null : 1 - observed / expected;
    }

    public static Double spearman(List<Pair> pairs) {
        int n = pairs.size();
        if (n < 2) {
            return null;
        }
        double[] a = ranks(pairs.stream().mapToDouble(Pair::machine).toArray());
        double[] b = ranks(pairs.stream().mapToDouble(Pair::reviewed).toArray());
        return pearson(a, b);
    }

    static Double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += square(a[i] - ma);
            vb += square(b[i] - mb);
        }
        return va == 0 || vb == 0 ? null : cov / Math.sqrt(va * vb);
    }

    /** 1-based ranks; tied values share the mean of the ranks they span. */
    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = mean;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double square(double x) {
        return x * x;
    }
}
