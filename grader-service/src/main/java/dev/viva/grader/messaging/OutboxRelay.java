package dev.viva.grader.messaging;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.domain.OutboxMessage;
import dev.viva.grader.repository.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes outbox rows to answers.graded (key = session id, acks=all). A row is marked sent only
 * after the broker confirmed it; failed rows are retried with exponential back-off, so nothing is
 * lost while Kafka is down. Rows are locked with FOR UPDATE SKIP LOCKED so relays never collide.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    @Channel("answers-graded")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<String> emitter;

    private final OutboxRepository outbox;
    private final GraderConfig config;
    private final MeterRegistry registry;

    // The emitter is field-injected: the messaging extension discovers emitters on injected fields.
    public OutboxRelay(OutboxRepository outbox, GraderConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.config = config;
        this.registry = registry;
    }

    @Scheduled(every = "${viva.grader.relay.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void publishDue() {
        List<OutboxMessage> due = outbox.lockDue(config.relay().batchSize());
        if (due.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        for (OutboxMessage m : due) {
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            confirmations.add(confirmed);
            Message<String> message = Message.of(m.payload)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(m.messageKey).withTopic(m.topic).build())
                    .withAck(() -> {
                        confirmed.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(t -> {
                        confirmed.completeExceptionally(t);
                        return CompletableFuture.completedFuture(null);
                    });
            try {
                emitter.send(message);
            } catch (RuntimeException e) {
                confirmed.completeExceptionally(e);
            }
        }
        long deadline = System.nanoTime() + config.relay().sendTimeout().toNanos();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int sent = 0;
        for (int i = 0; i < due.size(); i++) {
            OutboxMessage m = due.get(i);
            try {
                confirmations.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                m.sentAt = now;
                m.attempts++;
                m.lastError = null;
                sent++;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                m.attempts++;
                Duration backoff = config.relay().backoff().multipliedBy(1L << Math.min(m.attempts - 1, 10));
                if (backoff.compareTo(config.relay().maxBackoff()) > 0) {
                    backoff = config.relay().maxBackoff();
                }
                m.nextAttemptAt = now.plus(backoff);
                m.lastError = e.getClass().getSimpleName() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
            }
        }
        registry.counter("viva.outbox.published").increment(sent);
        if (sent < due.size()) {
            LOG.warnf("Published %d of %d graded events; the rest are retried with back-off", sent, due.size());
        }
    }
}
