package dev.viva.grader.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;

final class Teams {
    private Teams() {
    }

    /** The caller's team; every query is scoped to it. */
    static String of(JsonWebToken jwt) {
        return TokenClaims.team(jwt);
    }
}
