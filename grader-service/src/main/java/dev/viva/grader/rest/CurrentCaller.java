package dev.viva.grader.rest;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of the current request: its subject and team as {@link ClaimsAugmentor} checked them, so a
 * resource never reads the {@code team} claim from the token again (each read costs an exception inside
 * the JWT library). Read from the token only for an identity the augmentor did not see.
 */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken jwt;
    private final SecurityIdentity identity;

    public CurrentCaller(JsonWebToken jwt, SecurityIdentity identity) {
        this.jwt = jwt;
        this.identity = identity;
    }

    /** The caller's team; every query is scoped to it. */
    public String team() {
        return claims().team();
    }

    public String subject() {
        return claims().subject();
    }

    private TokenClaims.Checked claims() {
        return TokenClaims.checked(identity).orElseGet(() -> TokenClaims.check(jwt));
    }
}
