package dev.viva.question.rest;

import jakarta.ws.rs.core.HttpHeaders;

import org.jose4j.jwt.consumer.InvalidJwtException;

import io.quarkus.security.AuthenticationFailedException;

/** Why a request is not authenticated, in words that tell the caller what to do about it. */
final class Unauthenticated {

    static final String HOW_TO_GET_ONE = "locally: deploy/viva token ROLE NAME TEAM";

    private Unauthenticated() {
    }

    static String detail(Throwable e, HttpHeaders headers) {
        String authorization = headers == null ? null : headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return "A bearer token is missing: send Authorization: Bearer <token> (" + HOW_TO_GET_ONE + ")";
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "The Authorization header is invalid: it must be Bearer followed by a token";
        }
        if (e instanceof AuthenticationFailedException failed && failed.getAttribute(TokenClaims.DEFECT) instanceof String reason) {
            return "The bearer token is invalid: " + reason;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException jwt && jwt.hasExpired()) {
                return "The bearer token has expired: get a new one (" + HOW_TO_GET_ONE + ")";
            }
        }
        return "The bearer token is invalid: its signature, issuer, lifetime or format is not accepted";
    }
}
