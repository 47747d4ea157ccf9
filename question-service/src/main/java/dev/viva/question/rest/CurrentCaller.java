package dev.viva.question.rest;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.viva.question.service.Caller;

/** The caller of the current request, from its verified token. */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken jwt;

    public CurrentCaller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public Caller get() {
        Object team = jwt.getClaim("team");
        String teamName = team == null ? null : team.toString().replace("\"", "");
        Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
        return new Caller(jwt.getSubject(), teamName == null || teamName.isBlank() ? null : teamName, groups);
    }
}
