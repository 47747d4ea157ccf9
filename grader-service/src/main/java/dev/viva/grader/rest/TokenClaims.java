package dev.viva.grader.rest;

import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The claims Viva relies on, read as typed JSON values. {@code sub} and {@code team} must be non-empty
 * JSON strings: a team written with literal quotes is a different team, and an array, number or object is
 * no team at all. The same class, with the same rules, exists in each of the three services.
 */
public final class TokenClaims {

    /** The attribute of an {@link AuthenticationFailedException} that says which claim is unusable. */
    public static final String DEFECT = "viva.claims.defect";

    /** Longer subjects and team names are refused; no identity provider issues such names. */
    public static final int MAX_LENGTH = 200;

    private static final String SUB_DEFECT = "The token's sub claim must be a non-empty string";
    private static final String TEAM_DEFECT = "The token's team claim must be a non-empty string";

    private TokenClaims() {
    }

    /**
     * The identity attribute under which {@link ClaimsAugmentor} keeps the token's checked subject and team,
     * so a request reads them once: {@code team} is not a standard claim, and each read of it through
     * {@link JsonWebToken#getClaim(String)} costs an exception inside the JWT library (the name's lookup
     * among the standard claims).
     */
    public static final String CHECKED = "viva.claims.checked";

    /** A token's subject and team, both usable. */
    public record Checked(String subject, String team) {
    }

    /** The subject and team {@link ClaimsAugmentor} checked for this identity; empty for anonymous callers. */
    public static Optional<Checked> checked(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? Optional.empty()
                : Optional.ofNullable(identity.<Checked>getAttribute(CHECKED));
    }

    /** The token's subject and team, or the refusal that says which claim is unusable. */
    public static Checked check(JsonWebToken jwt) {
        return new Checked(subject(jwt), team(jwt));
    }

    /** The caller's subject; the token was checked by {@link ClaimsAugmentor} before any resource runs. */
    public static String subject(JsonWebToken jwt) {
        return string(jwt, Claims.sub.name()).orElseThrow(() -> refusal(SUB_DEFECT));
    }

    /** The caller's team; every piece of data is scoped to it. */
    public static String team(JsonWebToken jwt) {
        return string(jwt, "team").orElseThrow(() -> refusal(TEAM_DEFECT));
    }

    /** The authentication failure for unusable claims: a 401 whose detail is {@code reason}. */
    public static AuthenticationFailedException refusal(String reason) {
        return new AuthenticationFailedException(reason, Map.of(DEFECT, reason));
    }

    /**
     * A claim that is a JSON string with visible content, at most {@link #MAX_LENGTH} characters and no control
     * characters; anything else (missing, blank, array, number, object, boolean) is empty.
     */
    static Optional<String> string(JsonWebToken jwt, String name) {
        Object value;
        try {
            value = jwt.getClaim(name);
        } catch (RuntimeException e) {
            // A standard claim of the wrong JSON type fails its typed conversion inside the JWT library.
            return Optional.empty();
        }
        String text = value instanceof String s ? s : value instanceof JsonString js ? js.getString() : null;
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH || text.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
