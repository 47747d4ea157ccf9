package dev.viva.session.messaging;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;

/**
 * The W3C trace context of the work in progress, as the {@code traceparent} an outbox row keeps, so the
 * consumer of its event continues the same trace however late the relay sends it.
 */
@ApplicationScoped
public class TraceContext {

    private final OpenTelemetry openTelemetry;

    public TraceContext(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    /** @return the current traceparent, or null outside a trace */
    public String current() {
        Map<String, String> carrier = new HashMap<>(2);
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), carrier, Map::put);
        return carrier.get(OutboxPublisher.TRACEPARENT);
    }
}
