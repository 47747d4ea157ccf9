package dev.viva.grader.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The agreement statistics against values worked out by hand. */
class MetricsTest {

    @Test
    void perfectAndReversedOrders() {
        double[] x = {0, 10, 20, 30, 40};
        double[] y = {1, 2, 3, 4, 50};
        double[] reversed = {50, 4, 3, 2, 1};
        assertThat(Metrics.spearman(x, y)).isEqualTo(1.0, within(1e-9));
        assertThat(Metrics.kendall(x, y)).isEqualTo(1.0, within(1e-9));
        assertThat(Metrics.spearman(x, reversed)).isEqualTo(-1.0, within(1e-9));
        assertThat(Metrics.pearson(x, y)).isLessThan(0.9); // not linear
    }

    @Test
    void tiesUseAverageRanksAndTauB() {
        double[] x = {1, 2, 2, 3};
        double[] y = {1, 2, 3, 4};
        // ranks of x: 1, 2.5, 2.5, 4 -> Pearson with 1..4 = 0.9487
        assertThat(Metrics.spearman(x, y)).isEqualTo(0.9487, within(1e-4));
        // 5 concordant pairs, 0 discordant, 1 tie in x: tau-b = 5 / sqrt(5 * 6)
        assertThat(Metrics.kendall(x, y)).isEqualTo(5 / Math.sqrt(30), within(1e-9));
    }

    @Test
    void kappaAndError() {
        double[] x = {0, 50, 100};
        assertThat(Metrics.quadraticWeightedKappa(x, x, 10)).isEqualTo(1.0, within(1e-9));
        assertThat(Metrics.quadraticWeightedKappa(x, new double[] {100, 50, 0}, 10)).isLessThan(0);
        assertThat(Metrics.meanAbsoluteError(x, new double[] {10, 50, 70})).isEqualTo(40.0 / 3, within(1e-9));
    }
}
