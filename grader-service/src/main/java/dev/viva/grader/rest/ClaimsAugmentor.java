package dev.viva.grader.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a signed token whose {@code sub} or {@code team} is not a non-empty string, at authentication,
 * so that every route answers 401 before any role check or resource sees the caller.
 */
@ApplicationScoped
public class ClaimsAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        return TokenClaims.defect(jwt)
                .map(reason -> Uni.createFrom().<SecurityIdentity>failure(TokenClaims.refusal(reason)))
                .orElseGet(() -> Uni.createFrom().item(identity));
    }
}
