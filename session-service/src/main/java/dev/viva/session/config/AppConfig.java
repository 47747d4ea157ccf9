package dev.viva.session.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The web app served at {@code /}: where it finds the other services, how people sign in. Under
 * {@code viva.app.*}; the app reads the public part from {@code GET /app/config}.
 */
@ConfigMapping(prefix = "viva.app")
public interface AppConfig {

    /**
     * Base URL of question-service as the browser reaches it, e.g. {@code http://localhost:8081}; empty
     * when an ingress serves every {@code /api} path on the app's own origin.
     */
    Optional<String> questionServiceUrl();

    /** Base URL of grader-service as the browser reaches it; empty for the app's own origin. */
    Optional<String> graderServiceUrl();

    /**
     * The development sign-in page and {@code POST /app/dev-sign-in}, which mint a token for any name,
     * role and team. Only the local stack turns this on; everywhere else they answer 404.
     */
    @WithDefault("false")
    boolean devSignIn();

    /** Lifetime of the development tokens. */
    @WithDefault("12h")
    Duration devTokenTtl();

    Oidc oidc();

    interface Oidc {
        /** The identity provider's issuer URL (its {@code /.well-known/openid-configuration} is read by the browser). */
        Optional<String> issuer();

        /** The public client the app signs in as (authorization code with PKCE, no secret). */
        Optional<String> clientId();

        /** Scopes asked for. */
        @WithDefault("openid profile")
        String scope();
    }
}
