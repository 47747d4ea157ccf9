package dev.viva.session.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.viva.session.config.OutboxConfig;
import dev.viva.session.domain.OutboxMessage;
import io.smallrye.common.annotation.Identifier;

/**
 * The outbox relay's Kafka producer. It starts from the service's Kafka client configuration
 * ({@code kafka.*}: bootstrap servers, TLS, SASL, the same settings every consumer and dead-letter
 * producer of the service gets) and adds what the relay's guarantees need: acks=all, idempotence, and
 * bounded waits, so a broker outage turns into failed sends (retried later) rather than a stuck relay.
 * Every record carries the headers {@code eventId}, {@code eventType} and, when known, {@code traceparent}.
 */
@ApplicationScoped
public class OutboxPublisher {

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String TRACEPARENT = "traceparent";

    private final Map<String, Object> kafka;
    private final OutboxConfig config;
    private final String clientId;
    private KafkaProducer<String, String> producer;

    public OutboxPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, OutboxConfig config,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.kafka = kafka;
        this.config = config;
        this.clientId = application + "-outbox";
    }

    public synchronized Future<RecordMetadata> send(OutboxMessage message) {
        ProducerRecord<String, String> record = new ProducerRecord<>(message.topic, message.messageKey, message.payload);
        record.headers().add(EVENT_ID, message.id.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EVENT_TYPE, message.eventType.getBytes(StandardCharsets.UTF_8));
        if (message.traceParent != null) {
            record.headers().add(TRACEPARENT, message.traceParent.getBytes(StandardCharsets.UTF_8));
        }
        return producer().send(record);
    }

    /** Drops the producer after a failed batch (aborting what it still holds); the next send starts a fresh one. */
    public synchronized void reset() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** The producer settings: the service's Kafka client configuration plus the relay's own. */
    Map<String, Object> settings() {
        int delivery = (int) config.deliveryTimeout().toMillis();
        Map<String, Object> props = new HashMap<>(kafka);
        props.remove("group.id"); // a consumer setting that the shared configuration carries
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, delivery / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000, delivery / 2));
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        props.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 1000);
        return props;
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(settings(), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
