-- An interviewer or admin may create a session for a named candidate of the team (an assignment);
-- assigned_by is who did, null when the candidate started the session themselves.
ALTER TABLE sessions ADD COLUMN assigned_by text;
-- Session list and CSV export filters: by category, by date.
CREATE INDEX session_questions_category_idx ON session_questions (category, session_id);
CREATE INDEX sessions_team_created_idx ON sessions (team, created_at DESC);
