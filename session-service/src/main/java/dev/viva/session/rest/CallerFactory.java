package dev.viva.session.rest;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.viva.session.service.Caller;

/** The caller of the current request, from its verified bearer token. */
@RequestScoped
public class CallerFactory {

    private final JsonWebToken jwt;

    public CallerFactory(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public Caller caller() {
        Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
        return new Caller(TokenClaims.subject(jwt), TokenClaims.team(jwt), groups);
    }
}
