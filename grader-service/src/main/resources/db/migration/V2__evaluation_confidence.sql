-- The grader's certainty in its verdicts (0 to 1), when it gives one; the review queue reads it.
ALTER TABLE evaluations ADD COLUMN confidence double precision CHECK (confidence BETWEEN 0 AND 1);
