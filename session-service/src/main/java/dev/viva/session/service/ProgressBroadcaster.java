package dev.viva.session.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/** In-process fan-out of grading progress to the sessions' event streams, after the change committed. */
@ApplicationScoped
public class ProgressBroadcaster {

    private final BroadcastProcessor<GradingProgress> processor = BroadcastProcessor.create();

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) GradingProgress progress) {
        synchronized (processor) {
            processor.onNext(progress);
        }
    }

    public Multi<GradingProgress> stream(UUID sessionId) {
        return processor.filter(p -> p.sessionId().equals(sessionId)).onOverflow().buffer(256);
    }
}
