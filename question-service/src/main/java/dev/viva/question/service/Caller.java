package dev.viva.question.service;

import java.util.Set;

/** Who is asking: the token's subject, team and roles. */
public record Caller(String subject, String team, Set<String> roles) {

    public static final String CANDIDATE = "candidate";
    public static final String INTERVIEWER = "interviewer";
    public static final String ADMIN = "admin";
    public static final String SERVICE = "service";
    /** An operator of the deployment: the only one who may change the shared bank through the API. */
    public static final String OPERATOR = "operator";

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    public boolean isOperator() {
        return roles.contains(OPERATOR);
    }
}
