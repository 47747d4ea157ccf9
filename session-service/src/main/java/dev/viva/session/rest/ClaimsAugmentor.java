package dev.viva.session.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a signed token whose {@code sub} or {@code team} is not a non-empty string, at authentication,
 * so that every route answers 401 before any role check or resource sees the caller; a usable token's
 * subject and team are kept on the identity ({@link TokenClaims#checked}), read once per request.
 */
@ApplicationScoped
public class ClaimsAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        try {
            TokenClaims.Checked checked = TokenClaims.check(jwt);
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addAttribute(TokenClaims.CHECKED, checked).build());
        } catch (AuthenticationFailedException refused) {
            return Uni.createFrom().failure(refused);
        }
    }
}
