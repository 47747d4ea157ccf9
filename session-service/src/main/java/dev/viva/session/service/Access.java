package dev.viva.session.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.session.domain.InterviewSession;
import dev.viva.session.repository.SessionRepository;
import dev.viva.session.repository.SubmitStatements;

/**
 * Who may see which session: never across teams; a candidate only their own; interviewers and admins
 * their team's. A session the caller may not see does not exist for them (404).
 */
@ApplicationScoped
public class Access {

    private final SessionRepository sessions;
    private final SubmitStatements submits;

    public Access(SessionRepository sessions, SubmitStatements submits) {
        this.sessions = sessions;
        this.submits = submits;
    }

    public InterviewSession readable(Caller caller, UUID id) {
        return sessions.findInTeam(id, caller.team())
                .filter(s -> caller.readsTeam() || s.candidate.equals(caller.subject()))
                .orElseThrow(() -> ProblemException.notFound("Session " + id));
    }

    /** The caller's own session as a submit to {@code questionId} reads it, locked for the rest of the transaction. */
    public SubmitStatements.Target ownForAnswer(Caller caller, UUID id, String questionId) {
        return submits.lock(id, caller.team(), questionId)
                .filter(s -> s.candidate().equals(caller.subject()))
                .orElseThrow(() -> ProblemException.notFound("Session " + id));
    }

    /** A session the caller may complete: their own, or any of the team's for an admin. */
    public InterviewSession manageableLocked(Caller caller, UUID id) {
        return sessions.lockInTeam(id, caller.team())
                .filter(s -> caller.isAdmin() || s.candidate.equals(caller.subject()))
                .orElseThrow(() -> ProblemException.notFound("Session " + id));
    }
}
