-- Interviewers' reviews of machine evaluations. The evaluation a review corrects is never changed; the
-- grade of record of an answer is its latest review, else its latest machine evaluation.
CREATE TABLE reviews (
    id             uuid PRIMARY KEY,
    answer_id      uuid        NOT NULL REFERENCES answers (answer_id),
    evaluation_id  uuid        NOT NULL REFERENCES evaluations (id),
    session_id     uuid        NOT NULL,
    team           text        NOT NULL,
    question_id    text        NOT NULL,
    rubric_version integer     NOT NULL,
    reviewer       text        NOT NULL,
    action         text        NOT NULL CHECK (action IN ('ACCEPT', 'OVERRIDE')),
    score          integer     NOT NULL CHECK (score BETWEEN 0 AND 100),
    machine_score  integer CHECK (machine_score BETWEEN 0 AND 100),
    -- [{id, text, weight, required, machine, status}]: the machine's verdict beside the reviewed one
    key_points     jsonb       NOT NULL,
    -- [{id, name, weight, maxLevel, machine, level}]
    criteria       jsonb       NOT NULL,
    -- [{id, text, penalty}]: the red flags the reviewed grade counts
    red_flags      jsonb       NOT NULL,
    -- [{field, from, to}]: what the reviewer changed, empty for an acceptance
    changes        jsonb       NOT NULL,
    comment        text,
    reason         text,
    revision       integer     NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX reviews_answer ON reviews (answer_id, created_at DESC);
CREATE INDEX reviews_team ON reviews (team, created_at DESC);

-- Every grade published for an answer (machine or review) takes the answer's next revision, so consumers
-- can tell a newer grade of record from an older one whatever order they see them in. A table of its own:
-- taking a revision locks its row here, never the answer row that grading claims.
CREATE TABLE grade_revisions (
    answer_id uuid PRIMARY KEY REFERENCES answers (answer_id),
    revision  integer NOT NULL
);
ALTER TABLE evaluations ADD COLUMN revision integer;
UPDATE evaluations e SET revision = r.n
FROM (SELECT id, row_number() OVER (PARTITION BY answer_id ORDER BY created_at, id) AS n FROM evaluations) r
WHERE r.id = e.id;
INSERT INTO grade_revisions (answer_id, revision) SELECT answer_id, count(*) FROM evaluations GROUP BY answer_id;
