package dev.viva.grader.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The consumer's gate for a graceful stop, on its own: what is turned away, waited for, and cut off. */
class DeliveryGateTest {

    @Test
    void aStopWaitsForTheDeliveriesInFlightAndTurnsNewOnesAway() throws Exception {
        DeliveryGate gate = new DeliveryGate();
        assertThat(gate.enter()).isTrue();
        CompletableFuture<Integer> stop = CompletableFuture.supplyAsync(() -> close(gate, Duration.ofSeconds(10)));
        await(gate::closed);
        assertThat(gate.enter()).as("a delivery after the stop began").isFalse();
        assertThat(stop).isNotDone();
        assertThat(gate.exit()).as("finished in time: may be acknowledged").isTrue();
        assertThat(stop.get(5, TimeUnit.SECONDS)).as("deliveries cut off").isZero();
    }

    @Test
    void aDeliveryThatOutlastsTheGraceIsCutOffAndMayNotBeAcknowledged() {
        DeliveryGate gate = new DeliveryGate();
        gate.enter();
        gate.enter();
        gate.exit();
        assertThat(close(gate, Duration.ofMillis(200))).isEqualTo(1);
        assertThat(gate.exit()).as("finished after the cut").isFalse();
    }

    @Test
    void theClaimsAreRenewedWhileTheStopWaits() throws Exception {
        DeliveryGate gate = new DeliveryGate();
        gate.enter();
        AtomicInteger renewals = new AtomicInteger();
        CountDownLatch renewedTwice = new CountDownLatch(2);
        CompletableFuture<Integer> stop = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.close(Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
                    renewals.incrementAndGet();
                    renewedTwice.countDown();
                });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(renewedTwice.await(5, TimeUnit.SECONDS)).isTrue();
        gate.exit();
        assertThat(stop.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(renewals.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aStopWithNothingInFlightReturnsAtOnce() {
        DeliveryGate gate = new DeliveryGate();
        long start = System.nanoTime();
        assertThat(close(gate, Duration.ofSeconds(30))).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    private static int close(DeliveryGate gate, Duration grace) {
        try {
            return gate.close(grace, Duration.ofSeconds(1), () -> { });
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(condition::getAsBoolean);
    }
}
