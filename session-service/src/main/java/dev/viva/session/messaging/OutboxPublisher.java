package dev.viva.session.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.viva.session.config.SessionConfig;
import dev.viva.session.domain.OutboxMessage;

/**
 * The relay's own Kafka producer: acks=all, idempotent, and bounded in how long a send may block or
 * wait, so a broker outage turns into failed sends (retried later) rather than a stuck relay.
 */
@ApplicationScoped
public class OutboxPublisher {

    private final String bootstrapServers;
    private final SessionConfig config;
    private KafkaProducer<String, String> producer;

    public OutboxPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, SessionConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    public synchronized Future<RecordMetadata> send(OutboxMessage message) {
        ProducerRecord<String, String> record = new ProducerRecord<>(message.topic, message.messageKey, message.payload);
        record.headers().add("eventId", message.eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("eventType", "AnswerSubmitted".getBytes(StandardCharsets.UTF_8));
        return producer().send(record);
    }

    /** Drops the producer after a failed batch; the next send starts a fresh one. */
    public synchronized void reset() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            int delivery = config.outbox().deliveryTimeoutMs();
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "session-service-outbox");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, delivery / 2));
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000, delivery / 2));
            props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
            props.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 1000);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
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
