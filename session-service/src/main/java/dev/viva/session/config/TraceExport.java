package dev.viva.session.config;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * Spans are recorded (trace context crosses every Kafka hop and the trace id is in every log line) but
 * not exported unless {@code viva.otel.export=true}: then this bean steps aside and Quarkus's OTLP
 * exporter sends them to {@code quarkus.otel.exporter.otlp.traces.endpoint}.
 */
@ApplicationScoped
@LookupIfProperty(name = "viva.otel.export", stringValue = "false", lookupIfMissing = true)
public class TraceExport implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
