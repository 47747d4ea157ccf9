-- Every accepted regrade request, so that a team's regrades within the window can be counted and limited.
CREATE TABLE regrade_requests (
    id           uuid PRIMARY KEY,
    team         text        NOT NULL,
    requested_by text        NOT NULL,
    answers      integer     NOT NULL CHECK (answers > 0),
    requested_at timestamptz NOT NULL
);
CREATE INDEX regrade_requests_team_time ON regrade_requests (team, requested_at);
