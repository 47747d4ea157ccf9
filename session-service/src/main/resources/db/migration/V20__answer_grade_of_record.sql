-- Where an answer's grade of record came from: the machine's evaluation or an interviewer's review of it.
-- grade_revision is the per-answer revision the grader published it with (null for version 1 events):
-- a lower revision never replaces a higher one, and a machine grade never replaces a review.
ALTER TABLE answers ADD COLUMN grade_source text NOT NULL DEFAULT 'machine' CHECK (grade_source IN ('machine', 'review'));
ALTER TABLE answers ADD COLUMN grade_revision integer;
ALTER TABLE answers ADD COLUMN reviewed_by text;
ALTER TABLE answers ADD COLUMN reviewed_at timestamptz;
