package dev.viva.session.rest;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.viva.session.service.Caller;
import dev.viva.session.service.ProblemException;

/** The caller of the current request, from its verified bearer token. */
@RequestScoped
public class CallerFactory {

    private final JsonWebToken jwt;

    public CallerFactory(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public Caller caller() {
        Object team = jwt.getClaim("team");
        String teamName = team == null ? null : team.toString().replace("\"", "");
        if (jwt.getSubject() == null || teamName == null || teamName.isBlank()) {
            throw new ProblemException(403, "Forbidden", "The token carries no subject or team", List.of());
        }
        Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
        return new Caller(jwt.getSubject(), teamName, groups);
    }
}
