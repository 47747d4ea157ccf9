package dev.viva.session.service;

import java.util.Set;

/** Who is asking: the token's subject, team and roles. */
public record Caller(String subject, String team, Set<String> roles) {

    public boolean isCandidate() {
        return roles.contains("candidate");
    }

    /** Interviewers and admins read every session of their team. */
    public boolean readsTeam() {
        return roles.contains("interviewer") || roles.contains("admin");
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }
}
