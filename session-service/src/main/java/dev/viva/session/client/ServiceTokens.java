package dev.viva.session.client;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.session.config.SessionConfig;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.jwt.build.Jwt;

/**
 * The tokens with role service that this service sends to question-service, one per team. Signing one
 * (RS256) costs far more CPU than the draw it authorises, so each team's token is kept in the
 * {@code service-tokens} cache and reused until half of its lifetime has passed; the next call then
 * signs a fresh one. A token handed out therefore has at least half of
 * {@code viva.service-token.ttl} left.
 */
@ApplicationScoped
public class ServiceTokens {

    private record Minted(String token, Instant renewAfter) {
    }

    private final Cache cache;
    private final SessionConfig config;

    public ServiceTokens(@CacheName("service-tokens") Cache cache, SessionConfig config) {
        this.cache = cache;
        this.config = config;
    }

    /** A token with role service for the team. */
    public String forTeam(String team) {
        Minted minted = cache.get(team, this::mint).await().indefinitely();
        if (Instant.now().isAfter(minted.renewAfter())) {
            cache.invalidate(team).await().indefinitely();
            minted = cache.get(team, this::mint).await().indefinitely();
        }
        return minted.token();
    }

    private Minted mint(String team) {
        Duration ttl = config.serviceToken().ttl();
        Instant now = Instant.now();
        String token = Jwt.issuer(config.serviceToken().issuer())
                .subject("session-service")
                .groups("service")
                .claim("team", team)
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .sign();
        return new Minted(token, now.plus(ttl.dividedBy(2)));
    }
}
