package dev.viva.session.rest;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.viva.session.config.AppConfig;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;

/**
 * Security headers on every response. The web app gets a strict Content-Security-Policy: scripts and
 * styles only from this origin (no inline script, no eval), connections only to this origin, the two
 * other services and the identity provider. The API's own responses may load nothing at all. The
 * Swagger UI under {@code /q/} is left to Quarkus, since it relies on inline scripts. The app's static
 * files are marked {@code no-cache} (revalidated, not re-sent) instead of Quarkus's one-day default.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String API_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

    private final String appPolicy;

    public SecurityHeaders(AppConfig config) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        config.questionServiceUrl().flatMap(SecurityHeaders::origin).ifPresent(connect::add);
        config.graderServiceUrl().flatMap(SecurityHeaders::origin).ifPresent(connect::add);
        config.oidc().issuer().flatMap(SecurityHeaders::origin).ifPresent(connect::add);
        this.appPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src " + String.join(" ", connect) + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; "
                + "manifest-src 'self'";
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String path = ctx.request().path();
            ctx.addHeadersEndHandler(ignored -> {
                MultiMap headers = ctx.response().headers();
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("Referrer-Policy", "no-referrer");
                if (path.startsWith("/q/")) {
                    return;
                }
                headers.set("X-Frame-Options", "DENY");
                headers.set("Cross-Origin-Opener-Policy", "same-origin");
                headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
                if (path.startsWith("/api/")) {
                    headers.set("Content-Security-Policy", API_POLICY);
                } else {
                    headers.set("Content-Security-Policy", appPolicy);
                    // The app's files are revalidated on each load, so a new version is picked up at once.
                    if (!path.startsWith("/app/")) {
                        headers.set("Cache-Control", "no-cache");
                    }
                }
            });
            ctx.next();
        });
    }

    public String appPolicy() {
        return appPolicy;
    }

    /** {@code scheme://host[:port]} of a URL, as a CSP source; nothing for an empty or unreadable value. */
    static java.util.Optional<String> origin(String url) {
        if (url == null || url.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
