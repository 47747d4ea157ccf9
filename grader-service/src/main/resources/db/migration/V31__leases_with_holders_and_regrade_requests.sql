-- A lease names its holder: only the grading that took it renews it, releases it, or stores under it.
ALTER TABLE answers ADD COLUMN claim_token uuid;

-- Regrades wait here, durably, until the regrade worker grades them under the answer's lease, the same
-- lease every Kafka grading takes. A request whose worker died is due again once its lease ran out.
CREATE TABLE regrade_requests (
    id              uuid PRIMARY KEY,
    answer_id       uuid        NOT NULL REFERENCES answers (answer_id),
    team            text        NOT NULL,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    done_at         timestamptz,
    evaluation_id   uuid REFERENCES evaluations (id),
    last_error      text
);
-- One pending request per answer: asking again while one waits changes nothing.
CREATE UNIQUE INDEX regrade_requests_pending ON regrade_requests (answer_id) WHERE done_at IS NULL;
CREATE INDEX regrade_requests_due ON regrade_requests (next_attempt_at) WHERE done_at IS NULL;
