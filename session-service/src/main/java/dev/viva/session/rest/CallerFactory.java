package dev.viva.session.rest;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.viva.session.service.Caller;
import io.quarkus.security.identity.SecurityIdentity;

/** The caller of the current request, from its verified bearer token. */
@RequestScoped
public class CallerFactory {

    private final JsonWebToken jwt;
    private final SecurityIdentity identity;

    public CallerFactory(JsonWebToken jwt, SecurityIdentity identity) {
        this.jwt = jwt;
        this.identity = identity;
    }

    public Caller caller() {
        Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
        // as ClaimsAugmentor checked them for this request; read from the token only for an identity it did not see
        TokenClaims.Checked claims = TokenClaims.checked(identity).orElseGet(() -> TokenClaims.check(jwt));
        return new Caller(claims.subject(), claims.team(), groups);
    }
}
