package dev.viva.question.service;

import java.util.Set;

/** Who is asking: the token's subject, team and roles. */
public record Caller(String subject, String team, Set<String> roles) {

    public static final String CANDIDATE = "candidate";
    public static final String INTERVIEWER = "interviewer";
    public static final String ADMIN = "admin";
    public static final String SERVICE = "service";

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }
}
