package dev.viva.session.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.eclipse.microprofile.reactive.messaging.Message;

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

    private static final CompletionStage<Void> LEFT_FOR_REDELIVERY = CompletableFuture.completedFuture(null);

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

    /** Throws {@link Stopping} once the service began to stop: a retry that would start then is left for the redelivery. */
    public void refuseIfClosed() {
        if (closed()) {
            throw new Stopping();
        }
    }

    /**
     * Runs one record's work through the gate and settles the record: a record of the {@code poison} type
     * finished in time is nacked (to the dead-letter topic); one turned away, cut off, or failed while the
     * service was stopping is neither acked nor nacked (then {@code leftForRedelivery} hears of it, with the
     * failure or null; not for a record turned away); any other outcome is acked or nacked as usual.
     */
    public CompletionStage<Void> deliver(Message<String> record, Consumer<String> work,
            Class<? extends RuntimeException> poison, Consumer<RuntimeException> leftForRedelivery) {
        if (!enter()) {
            return LEFT_FOR_REDELIVERY; // the service is stopping: not started, delivered again after the restart
        }
        RuntimeException failure = null;
        try {
            work.accept(record.getPayload());
        } catch (RuntimeException e) {
            failure = e;
        }
        boolean inTime = exit();
        if (inTime && poison.isInstance(failure)) {
            return record.nack(failure);
        }
        if (!inTime || failure != null && closed()) {
            leftForRedelivery.accept(failure);
            return LEFT_FOR_REDELIVERY;
        }
        return failure == null ? record.ack() : record.nack(failure);
    }

    /** Thrown by work that would start after the stop began; retry policies abort on it. */
    public static final class Stopping extends RuntimeException {
        Stopping() {
            super("the service is stopping", null, false, false);
        }
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
