-- What a team's completed sessions reveal to candidates, and the quotas of its candidates. A team without a
-- row has the defaults (practice; viva.quotas.* in the configuration).
CREATE TABLE team_settings (
    team                 text PRIMARY KEY,
    reveal_policy        text        NOT NULL CHECK (reveal_policy IN ('practice', 'assessment')),
    sessions_per_day     integer     NOT NULL CHECK (sessions_per_day BETWEEN 1 AND 1000),
    answers_per_question integer     NOT NULL CHECK (answers_per_question BETWEEN 1 AND 100),
    updated_at           timestamptz NOT NULL,
    updated_by           text        NOT NULL,
    version              bigint      NOT NULL DEFAULT 0
);

-- The answers-per-question quota counts a question's recent answers in one session.
CREATE INDEX answers_question_submitted_idx ON answers (session_id, question_id, submitted_at);
