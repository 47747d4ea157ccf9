-- Interview sessions and the snapshot of the questions drawn for them.
CREATE TABLE sessions (
    id                 uuid PRIMARY KEY,
    team               text        NOT NULL,
    candidate          text        NOT NULL,
    title              text        NOT NULL,
    status             text        NOT NULL,
    time_limit_minutes integer,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz,
    completed_at       timestamptz,
    version            bigint      NOT NULL DEFAULT 0
);
CREATE INDEX sessions_team_candidate_idx ON sessions (team, candidate, created_at DESC);
CREATE INDEX sessions_open_expiry_idx ON sessions (expires_at) WHERE status = 'OPEN' AND expires_at IS NOT NULL;

CREATE TABLE session_questions (
    session_id     uuid    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    question_id    text    NOT NULL,
    prompt         text    NOT NULL,
    category       text    NOT NULL,
    difficulty     text    NOT NULL,
    rubric_version integer NOT NULL,
    PRIMARY KEY (session_id, position),
    UNIQUE (session_id, question_id)
);

-- Every answer is kept; a newer answer to the same question supersedes (current = false) the older one.
CREATE TABLE answers (
    id              uuid PRIMARY KEY,
    session_id      uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    question_id     text        NOT NULL,
    candidate       text        NOT NULL,
    team            text        NOT NULL,
    text            text        NOT NULL,
    status          text        NOT NULL,
    is_current      boolean     NOT NULL,
    idempotency_key text,
    submitted_at    timestamptz NOT NULL,
    superseded_at   timestamptz,
    evaluation_id   uuid,
    score           integer,
    evaluation      text,
    graded_at       timestamptz,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL DEFAULT 0,
    FOREIGN KEY (session_id, question_id) REFERENCES session_questions (session_id, question_id)
);
CREATE UNIQUE INDEX answers_one_current_per_question ON answers (session_id, question_id) WHERE is_current;
CREATE UNIQUE INDEX answers_idempotency_key ON answers (session_id, candidate, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX answers_session_idx ON answers (session_id);

-- Transactional outbox: written with the answer, published by the relay, marked sent after the broker's ack.
CREATE TABLE outbox (
    id              bigserial PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    topic           text        NOT NULL,
    message_key     text        NOT NULL,
    payload         text        NOT NULL,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text
);
CREATE INDEX outbox_unsent_idx ON outbox (next_attempt_at, id) WHERE sent_at IS NULL;

-- AnswerGraded events already applied (idempotent consumer).
CREATE TABLE processed_events (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL
);
