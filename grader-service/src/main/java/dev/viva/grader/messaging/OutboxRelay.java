package dev.viva.grader.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import dev.viva.grader.config.OutboxConfig;
import dev.viva.grader.domain.OutboxMessage;
import dev.viva.grader.domain.OutboxWritten;
import dev.viva.grader.repository.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes outbox rows to Kafka, the same way in every Viva service.
 *
 * <p>One relay thread per instance. A transaction that writes a row wakes it once the commit has
 * succeeded ({@link OutboxWritten}, observed {@code AFTER_SUCCESS}), so a row leaves within
 * milliseconds and never before it is committed; a poll every {@code viva.outbox.poll-every} is the safety
 * net for rows nobody woke it for (another instance's, retries, rows left by a crash). A wake-up that
 * arrives while a pass runs is kept, so the relay runs again: nothing waits for a tick, and none is
 * skipped. It loops while passes come back full.
 *
 * <p>Passes start at most every {@code viva.outbox.gather}: the first commit after a quiet spell is sent at
 * once, and while commits keep coming the ones that follow within that interval ride the next pass together.
 * Without it the relay ran a pass (a transaction, a claim query, a broker round trip, a flush) for nearly every
 * commit, and on a small machine those passes took the CPU the requests that wrote the rows were waiting for.
 *
 * <p>Each pass claims a batch with FOR UPDATE SKIP LOCKED in its own transaction (so several instances
 * relay side by side), sends it, waits for the broker's acknowledgements and only then marks rows sent, in
 * one UPDATE for the pass (the claimed rows are read only): at least once. Rows that fail stay unsent and
 * are retried with a growing pause.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final OutboxConfig config;
    private final Counter publishedCounter;
    private final Counter failedCounter;
    private final Timer delay;
    private final DistributionSummary batches;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(OutboxRepository outbox, OutboxPublisher publisher, OutboxConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
        this.publishedCounter = Counter.builder("viva.outbox.published").description("outbox events the broker acknowledged").register(registry);
        this.failedCounter = Counter.builder("viva.outbox.failed").description("outbox sends that failed and wait for a retry").register(registry);
        this.delay = Timer.builder("viva.outbox.delay").description("from writing an outbox row to the broker's acknowledgement")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.batches = DistributionSummary.builder("viva.outbox.batch").description("rows a relay pass claimed")
                .baseUnit("rows").register(registry);
    }

    void start(@Observes StartupEvent started) {
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon(true).start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        wakeUps.release();
        if (thread != null) {
            thread.join(Duration.ofSeconds(10));
        }
    }

    /** Runs after the writing transaction committed; a rolled-back row was never there. */
    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        wakeUps.release();
    }

    /** Sent rows are kept for a while for audit, then removed. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeSent() {
        Instant before = Instant.now().minus(config.retention());
        long removed = QuarkusTransaction.requiringNew().call(() -> outbox.deleteSentBefore(before));
        if (removed > 0) {
            LOG.infof("Removed %d published outbox rows older than %s", removed, config.retention());
        }
    }

    private void run() {
        long gather = config.gather().toNanos();
        long lastPass = System.nanoTime() - gather;
        while (running) {
            try {
                wakeUps.tryAcquire(config.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
                // the commits that arrive until the interval since the last pass is over join this one
                long early = lastPass + gather - System.nanoTime();
                if (early > 0) {
                    TimeUnit.NANOSECONDS.sleep(early);
                }
                wakeUps.drainPermits();
                lastPass = System.nanoTime();
                if (running) {
                    drain();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database away, for instance: the rows stay, the next poll tries again
                LOG.warnf("Outbox relay pass failed; retried at the next poll: %s", describe(e));
            }
        }
    }

    /** Publishes due rows until a pass comes back short. */
    void drain() {
        int sent;
        do {
            sent = QuarkusTransaction.requiringNew().timeout(60).call(this::relayBatch);
        } while (sent == config.batchSize() && running);
    }

    /** @return how many rows this pass published, 0 when any failed (the rest waits for its retry) */
    int relayBatch() {
        List<OutboxMessage> due = outbox.claimDue(config.batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        // a row that failed before may have lost its reason to be sent meanwhile (the service's repository says which)
        List<UUID> retried = due.stream().filter(m -> m.attempts > 0).map(m -> m.id).toList();
        if (!retried.isEmpty()) {
            Set<UUID> withdrawn = Set.copyOf(outbox.deleteWithdrawn(retried));
            if (!withdrawn.isEmpty()) {
                due = due.stream().filter(m -> !withdrawn.contains(m.id)).toList();
                LOG.infof("Outbox relay: %d events withdrawn before their retry", withdrawn.size());
            }
        }
        batches.record(due.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>(due.size());
        RuntimeException sendFailure = null;
        for (OutboxMessage m : due) {
            try {
                acks.add(publisher.send(m));
            } catch (RuntimeException e) {
                sendFailure = e;
                break;
            }
        }
        Duration wait = config.deliveryTimeout().plusSeconds(1);
        long deadline = System.nanoTime() + wait.toNanos();
        List<UUID> sent = new ArrayList<>(due.size());
        String error = sendFailure == null ? null : describe(sendFailure);
        for (int i = 0; i < due.size(); i++) {
            OutboxMessage m = due.get(i);
            if (i < acks.size()) {
                try {
                    acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    sent.add(m.id);
                    delay.record(Duration.between(m.createdAt, Instant.now()));
                    continue;
                } catch (ExecutionException e) {
                    error = describe(e.getCause());
                } catch (TimeoutException e) {
                    error = "no acknowledgement within " + wait;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    error = "interrupted";
                }
            }
            outbox.markFailed(m.id, error, Instant.now().plus(backoff(m.attempts + 1)));
        }
        // one statement for the pass's acknowledged rows: flushing each claimed entity cost an UPDATE per row
        outbox.markSent(sent, Instant.now());
        int published = sent.size();
        publishedCounter.increment(published);
        failedCounter.increment(due.size() - published);
        if (published < due.size()) {
            LOG.warnf("Outbox relay: %d of %d events published; the rest is retried later (%s)", published, due.size(), error);
            publisher.reset();
            return 0;
        }
        LOG.debugf("Outbox relay published %d events", published);
        return published;
    }

    private Duration backoff(int attempts) {
        Duration pause = config.backoff().multipliedBy(1L << Math.min(attempts - 1, 16));
        return pause.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : pause;
    }

    private static String describe(Throwable t) {
        return t == null ? "unknown" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
