-- When the LLM grades an answer several times (viva.grader.samples > 1): how much the samples agreed, each
-- sample's score and reply, and how they were combined into the stored grade. Null when graded once.
ALTER TABLE evaluations ADD COLUMN samples jsonb;

-- A later answer to the same question of the same session supersedes an earlier one; the review queue
-- looks for it by this index.
CREATE INDEX answers_session_question ON answers (session_id, question_id, submitted_at);
