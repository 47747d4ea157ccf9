package dev.viva.session.messaging;

import java.time.Duration;

/**
 * The records a consumer is working on, for a graceful stop. While the service runs, every delivery
 * {@link #enter() enters} and {@link #exit() exits}. {@link #close(Duration, Runnable)} (on shutdown, while
 * the database and the clients are still there) turns new deliveries away and waits, up to a grace
 * period, for those in flight to finish; a delivery that finishes later is past the cut.
 *
 * <p>The consumer acknowledges only what finished in time: a delivery turned away, one that failed
 * because the service was stopping, and one past the cut are neither acknowledged nor nacked, so their
 * offsets are never committed, nothing goes to the dead-letter topic, and Kafka delivers them again
 * after the restart (or to another instance of the group).
 */
public final class DeliveryGate {

    private int inFlight;
    private boolean closed;
    private boolean cut;

    /** @return false once the service is stopping: the delivery must not start */
    public synchronized boolean enter() {
        if (closed) {
            return false;
        }
        inFlight++;
        return true;
    }

    /** @return true when the delivery finished before the cut, so its outcome may be acknowledged */
    public synchronized boolean exit() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
        }
        return !cut;
    }

    /** True once the service began to stop. */
    public synchronized boolean closed() {
        return closed;
    }

    /**
     * Turns new deliveries away and waits up to {@code grace} for those in flight, running
     * {@code meanwhile} about every {@code every} while it waits (to keep their claims alive).
     *
     * @return how many deliveries were still in flight at the cut (0 when all finished in time)
     */
    public int close(Duration grace, Duration every, Runnable meanwhile) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            closed = true;
        }
        while (true) {
            synchronized (this) {
                long until = Math.min(deadline, System.nanoTime() + every.toNanos());
                long now;
                while (inFlight > 0 && (now = System.nanoTime()) < until) {
                    wait(Math.max(1, (until - now) / 1_000_000));
                }
                if (inFlight == 0 || System.nanoTime() >= deadline) {
                    cut = true;
                    return inFlight;
                }
            }
            meanwhile.run(); // outside the lock: deliveries may finish meanwhile
        }
    }
}
