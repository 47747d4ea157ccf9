-- One outbox shape in every Viva service: the row id is the event id (the eventId Kafka header), rows
-- leave in the order they were written, and each row keeps its event type and the W3C trace context of
-- the work that wrote it, so the trace goes on on the consumer's side.
ALTER TABLE outbox DROP CONSTRAINT outbox_pkey;
DROP INDEX IF EXISTS outbox_unsent_idx;
ALTER TABLE outbox DROP COLUMN id;
ALTER TABLE outbox DROP CONSTRAINT outbox_event_id_key;
ALTER TABLE outbox RENAME COLUMN event_id TO id;
ALTER TABLE outbox ADD PRIMARY KEY (id);
ALTER TABLE outbox ADD COLUMN event_type text NOT NULL DEFAULT 'AnswerSubmitted';
ALTER TABLE outbox ADD COLUMN trace_parent text;
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
