-- One outbox shape in every Viva service: the row id is the event id (the eventId Kafka header), rows
-- leave in the order they were written, and each row keeps its event type and the W3C trace context of
-- the work that wrote it, so the trace goes on on the consumer's side.
ALTER TABLE outbox ADD COLUMN event_type text NOT NULL DEFAULT 'AnswerGraded';
ALTER TABLE outbox ADD COLUMN trace_parent text;
DROP INDEX IF EXISTS outbox_unsent;
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
