package dev.viva.grader.calibration;

import java.util.Arrays;

/** Agreement statistics between human scores and grades, both on 0-100. */
public final class Metrics {

    private Metrics() {
    }

    public static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    /** Spearman's rho: Pearson on average ranks, so ties are handled. */
    public static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    /** Kendall's tau-b, which corrects for ties on either side. */
    public static double kendall(double[] x, double[] y) {
        long concordant = 0;
        long discordant = 0;
        long tiesX = 0;
        long tiesY = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double dx = Math.signum(x[i] - x[j]);
                double dy = Math.signum(y[i] - y[j]);
                if (dx == 0 && dy == 0) {
                    continue;
                }
                if (dx == 0) {
                    tiesX++;
                } else if (dy == 0) {
                    tiesY++;
                } else if (dx == dy) {
                    concordant++;
                } else {
                    discordant++;
                }
            }
        }
        double denom = Math.sqrt((double) (concordant + discordant + tiesX) * (concordant + discordant + tiesY));
        return denom == 0 ? 0 : (concordant - discordant) / denom;
    }

    /** Quadratic weighted kappa on {@code bins} equal bands of 0-100. */
    public static double quadraticWeightedKappa(double[] x, double[] y, int bins) {
        int n = x.length;
        double[][] observed = new double[bins][bins];
        double[] hx = new double[bins];
        double[] hy = new double[bins];
        for (int i = 0; i < n; i++) {
            int a = bin(x[i], bins);
            int b = bin(y[i], bins);
            observed[a][b]++;
            hx[a]++;
            hy[b]++;
        }
        double num = 0;
        double den = 0;
        for (int a = 0; a < bins; a++) {
            for (int b = 0; b < bins; b++) {
                double w = (double) (a - b) * (a - b) / ((bins - 1) * (bins - 1));
                double expected = hx[a] * hy[b] / n;
                num += w * observed[a][b];
                den += w * expected;
            }
        }
        return den == 0 ? 1 : 1 - num / den;
    }

    public static double meanAbsoluteError(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs(x[i] - y[i]);
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    static int bin(double v, int bins) {
        int b = (int) Math.floor(v / 100.0 * bins);
        return Math.max(0, Math.min(bins - 1, b));
    }

    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }
}
