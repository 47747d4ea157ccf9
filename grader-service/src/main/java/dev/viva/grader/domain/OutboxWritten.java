package dev.viva.grader.domain;

/**
 * Fired when a transaction writes an outbox row; the relay observes it after the commit succeeded, so
 * the row leaves at once instead of at the next poll, and never before it is committed.
 */
public record OutboxWritten(String topic) {
}
