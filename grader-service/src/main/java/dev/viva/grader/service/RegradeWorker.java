package dev.viva.grader.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.domain.RegradesRequested;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Grades regrade requests: durable rows (they survive a restart) taken with FOR UPDATE SKIP LOCKED, each
 * graded under the answer's lease like every Kafka grading, so a regrade and a delivery of the same
 * answer never grade at once, and a request whose worker died is due again once its lease ran out.
 * Woken after the commit that adds requests; a poll picks up retries and other instances' requests.
 */
@ApplicationScoped
public class RegradeWorker {

    private static final Logger LOG = Logger.getLogger(RegradeWorker.class);
    /** An answer busy with another grading: its regrade is tried again after this long. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    /** How long a stop waits for the dispatcher, and for the regrades still running after the consumer's wait. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final EvaluationStore store;
    private final GradingService grading;
    private final GraderConfig config;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Semaphore slots;
    private ExecutorService pool;
    private volatile boolean running;
    private Thread thread;

    public RegradeWorker(EvaluationStore store, GradingService grading, GraderConfig config) {
        this.store = store;
        this.grading = grading;
        this.config = config;
        this.slots = new Semaphore(Math.max(1, config.regrade().maxInFlight()));
    }

    void start(@Observes StartupEvent started) {
        running = true;
        pool = Executors.newFixedThreadPool(Math.max(1, config.regrade().maxInFlight()),
                Thread.ofPlatform().name("regrade-", 0).daemon(true).factory());
        thread = Thread.ofPlatform().name("regrade-worker").daemon(true).start(this::run);
    }

    /**
     * A stop first ends the claiming of regrades, before the consumer waits for its gradings, so the
     * regrades running finish during that wait (their claims are renewed with the consumer's). They are
     * not interrupted: an interrupted model call would end as a FAILED regrade or use up an attempt,
     * though only the stop was at fault.
     */
    void stopClaiming(@Observes @Priority(Interceptor.Priority.APPLICATION - 100) ShutdownEvent stopping)
            throws InterruptedException {
        running = false;
        wakeUps.release();
        if (thread != null) {
            thread.join(STOP_GRACE);
        }
        pool.shutdown();
    }

    /**
     * After the consumer's wait, the regrades still running get {@link #STOP_GRACE} more. One still
     * running after that stores nothing (the database closes under it) and keeps its request: due again
     * once its lease runs out.
     */
    void awaitRegrades(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) ShutdownEvent stopping)
            throws InterruptedException {
        if (!pool.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warnf("Stopping: regrades still running; their requests are due again once their leases run out");
        }
    }

    void requested(@Observes(during = TransactionPhase.AFTER_SUCCESS) RegradesRequested requested) {
        wakeUps.release();
    }

    private void run() {
        while (running) {
            try {
                wakeUps.tryAcquire(config.regrade().pollEvery().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                dispatch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Regrade worker pass failed; retried at the next poll: %s", e.toString());
            }
        }
    }

    /** Claims as many due requests as there are free slots, and again while requests come. */
    private void dispatch() throws InterruptedException {
        while (running) {
            slots.acquire();
            int free = 1 + slots.drainPermits();
            List<EvaluationStore.ClaimedRegrade> claimed;
            try {
                claimed = store.claimRegrades(free, GradingService.LEASE, BUSY_RETRY);
            } finally {
                slots.release(free);
            }
            if (claimed.isEmpty()) {
                return;
            }
            for (EvaluationStore.ClaimedRegrade c : claimed) {
                slots.acquire();
                pool.submit(() -> {
                    try {
                        grading.regrade(c);
                    } finally {
                        slots.release();
                        wakeUps.release();
                    }
                });
            }
        }
    }
}
