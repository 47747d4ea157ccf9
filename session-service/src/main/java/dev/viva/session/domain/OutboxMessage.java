package dev.viva.session.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An event waiting to be published; written in the same transaction as the change it announces. The
 * same shape in every Viva service: the id is the event id, times are instants.
 */
@Entity
@Table(name = "outbox")
public class OutboxMessage {

    /** The event's id, sent as the {@code eventId} header. */
    @Id
    public UUID id;

    @Column(nullable = false)
    public String topic;

    /** The Kafka record key (the session id). */
    @Column(name = "message_key", nullable = false)
    public String messageKey;

    /** Sent as the {@code eventType} header. */
    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String payload;

    /** W3C traceparent of the work that wrote the row, sent as the {@code traceparent} header. */
    @Column(name = "trace_parent")
    public String traceParent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    public static OutboxMessage of(UUID eventId, String eventType, String topic, String key, String payload, Instant now) {
        OutboxMessage m = new OutboxMessage();
        m.id = eventId;
        m.eventType = eventType;
        m.topic = topic;
        m.messageKey = key;
        m.payload = payload;
        m.createdAt = now;
        m.nextAttemptAt = now;
        return m;
    }
}
