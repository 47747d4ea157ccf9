package dev.viva.session.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import dev.viva.session.config.SessionConfig;
import dev.viva.session.domain.OutboxMessage;
import dev.viva.session.repository.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes outbox rows to Kafka. Each pass claims a small batch with FOR UPDATE SKIP LOCKED in its own
 * transaction, sends it, waits for the broker's acknowledgement and only then marks rows sent; rows that
 * fail stay unsent and are retried with a growing pause. Safe to run in several instances at once.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final SessionConfig config;
    private final Counter publishedCounter;
    private final Counter failedCounter;

    public OutboxRelay(OutboxRepository outbox, OutboxPublisher publisher, SessionConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
        this.publishedCounter = Counter.builder("viva.outbox.published").description("outbox events the broker acknowledged").register(registry);
        this.failedCounter = Counter.builder("viva.outbox.failed").description("outbox sends that failed and wait for a retry").register(registry);
    }

    /** Sent rows are kept for a while for audit, then removed. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeSent() {
        Instant before = Instant.now().minus(config.outbox().retention());
        long removed = QuarkusTransaction.requiringNew().call(() -> outbox.delete("sentAt < ?1", before));
        if (removed > 0) {
            LOG.infof("Removed %d published outbox rows older than %s", removed, config.outbox().retention());
        }
    }

    @Scheduled(every = "${viva.outbox.poll-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        int sent;
        do {
            sent = QuarkusTransaction.requiringNew().timeout(60).call(this::relayBatch);
        } while (sent == config.outbox().batchSize());
    }

    /** @return how many rows this pass published */
    int relayBatch() {
        Instant now = Instant.now();
        List<OutboxMessage> due = outbox.claimDue(now, config.outbox().batchSize());
        if (due.isEmpty()) {
            return 0;
        }
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
        long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos();
        int published = 0;
        boolean failed = sendFailure != null;
        String error = sendFailure == null ? null : describe(sendFailure);
        for (int i = 0; i < due.size(); i++) {
            OutboxMessage m = due.get(i);
            if (i < acks.size()) {
                try {
                    acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    m.sentAt = Instant.now();
                    m.attempts++;
                    published++;
                    continue;
                } catch (ExecutionException e) {
                    error = describe(e.getCause());
                } catch (TimeoutException e) {
                    error = "no acknowledgement within " + config.outbox().sendTimeout();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    error = "interrupted";
                }
            }
            failed = true;
            m.attempts++;
            m.lastError = error;
            m.nextAttemptAt = Instant.now().plus(backoff(m.attempts));
        }
        publishedCounter.increment(published);
        failedCounter.increment(due.size() - published);
        if (failed) {
            LOG.warnf("Outbox relay: %d of %d events published; the rest is retried later (%s)", published, due.size(), error);
            publisher.reset();
        } else {
            LOG.debugf("Outbox relay published %d events", published);
        }
        return failed ? 0 : published;
    }

    private Duration backoff(int attempts) {
        long millis = 250L << Math.min(attempts, 10);
        return Duration.ofMillis(Math.min(millis, config.outbox().maxBackoff().toMillis()));
    }

    private static String describe(Throwable t) {
        return t == null ? "unknown" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
