package dev.viva.grader.rest;

import jakarta.ws.rs.ForbiddenException;

import org.eclipse.microprofile.jwt.JsonWebToken;

final class Teams {
    private Teams() {
    }

    /** The caller's team; every query is scoped to it. */
    static String of(JsonWebToken jwt) {
        Object team = jwt.getClaim("team");
        String value = team == null ? null : team.toString().replaceAll("^\"|\"$", "");
        if (value == null || value.isBlank()) {
            throw new ForbiddenException("The token carries no team claim");
        }
        return value;
    }
}
