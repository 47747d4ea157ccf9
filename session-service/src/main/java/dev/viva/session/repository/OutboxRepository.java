package dev.viva.session.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.viva.session.domain.OutboxMessage;
import dev.viva.session.domain.OutboxWritten;
import dev.viva.session.messaging.TraceContext;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, UUID> {

    private final Event<OutboxWritten> written;
    private final TraceContext trace;

    public OutboxRepository(Event<OutboxWritten> written, TraceContext trace) {
        this.written = written;
        this.trace = trace;
    }

    /** Writes the row, with the current trace context, in the caller's transaction; the relay is woken once that transaction commits. */
    public void add(OutboxMessage message) {
        message.traceParent = trace.current();
        persist(message);
        written.fire(new OutboxWritten(message.topic));
    }

    /**
     * Claims due, unsent rows for this transaction, oldest first; rows another relay instance holds are
     * skipped, so several instances relay at once without publishing a row twice concurrently.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxMessage> claimDue(int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= now()
                ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED
                """, OutboxMessage.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    public long deleteSentBefore(Instant before) {
        return delete("sentAt < ?1", before);
    }

    public long countUnsent() {
        return count("sentAt is null");
    }
}
