-- Answers as consumed from answers.submitted: kept so that an answer can be re-graded later.
-- claim_until is the lease of the worker grading it, so two deliveries never grade twice.
CREATE TABLE answers (
    answer_id      uuid PRIMARY KEY,
    event_id       uuid        NOT NULL,
    session_id     uuid        NOT NULL,
    team           text        NOT NULL,
    candidate      text        NOT NULL,
    question_id    text        NOT NULL,
    rubric_version integer     NOT NULL,
    prompt         text        NOT NULL,
    answer_text    text        NOT NULL,
    submitted_at   timestamptz NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    claim_until    timestamptz
);
CREATE INDEX answers_team_question ON answers (team, question_id);

CREATE TABLE evaluations (
    id                  uuid PRIMARY KEY,
    answer_id           uuid        NOT NULL REFERENCES answers (answer_id),
    session_id          uuid        NOT NULL,
    team                text        NOT NULL,
    question_id         text        NOT NULL,
    rubric_version      integer     NOT NULL,
    status              text        NOT NULL CHECK (status IN ('GRADED', 'FAILED')),
    score               integer CHECK (score BETWEEN 0 AND 100),
    grader              text        NOT NULL CHECK (grader IN ('llm', 'local')),
    model               text        NOT NULL,
    prompt_version      text        NOT NULL,
    sampling            jsonb       NOT NULL,
    raw_reply           text,
    reasoning           text,
    key_points          jsonb       NOT NULL,
    criteria            jsonb       NOT NULL,
    red_flags           jsonb       NOT NULL,
    injection_suspected boolean     NOT NULL DEFAULT false,
    injection_evidence  text,
    strengths           jsonb       NOT NULL,
    improvements        jsonb       NOT NULL,
    failure_reason      text,
    prompt_tokens       integer     NOT NULL DEFAULT 0,
    completion_tokens   integer     NOT NULL DEFAULT 0,
    total_tokens        integer     NOT NULL DEFAULT 0,
    cost_usd            numeric(14, 8) NOT NULL DEFAULT 0,
    latency_ms          bigint      NOT NULL DEFAULT 0,
    attempts            integer     NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL DEFAULT now(),
    regrade_of          uuid REFERENCES evaluations (id),
    superseded_by       uuid REFERENCES evaluations (id)
);
-- One first evaluation per answer and rubric version; re-grades link to the one they replace.
CREATE UNIQUE INDEX evaluations_first_per_answer ON evaluations (answer_id, rubric_version) WHERE regrade_of IS NULL;
CREATE INDEX evaluations_answer ON evaluations (answer_id, created_at DESC);
CREATE INDEX evaluations_team ON evaluations (team);

CREATE TABLE outbox (
    id              uuid PRIMARY KEY,
    evaluation_id   uuid        NOT NULL REFERENCES evaluations (id),
    topic           text        NOT NULL,
    message_key     text        NOT NULL,
    payload         text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text
);
CREATE INDEX outbox_unsent ON outbox (next_attempt_at) WHERE sent_at IS NULL;
