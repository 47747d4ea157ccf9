package dev.viva.session.rest;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.viva.session.config.RateLimitConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A global and a per-user request rate limit on every {@code /api} operation, with resilience4j's rate limiter
 * (refilled every {@code viva.rate-limit.period}); an exhausted limit is a 429 problem whose {@code Retry-After}
 * is when the limiter refills. Users are told apart by team and subject, once their token is verified; the
 * limiters of users who went quiet are dropped. The same class exists in all three services.
 */
@ApplicationScoped
public class RateLimits {

    private final RateLimiter global;
    private final RateLimiterConfig perUser;
    private final Cache<String, RateLimiter> users;
    private final CurrentIdentityAssociation identities;

    public RateLimits(RateLimitConfig config, CurrentIdentityAssociation identities) {
        this.identities = identities;
        this.global = RateLimiter.of("global", limiter(config.global(), config.period()));
        this.perUser = limiter(config.perUser(), config.period());
        this.users = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(config.period().multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS).build();
    }

    private static RateLimiterConfig limiter(int permits, Duration period) {
        return RateLimiterConfig.custom().limitForPeriod(permits).limitRefreshPeriod(period).timeoutDuration(Duration.ZERO).build();
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request) {
        String instance = request.getUriInfo().getRequestUri().getRawPath();
        if (!global.acquirePermission()) {
            return Uni.createFrom().item(refusal(global, "The service is handling too many requests", instance));
        }
        return identities.getDeferredIdentity()
                .onFailure().recoverWithItem((SecurityIdentity) null)
                .map(identity -> {
                    String user = user(identity);
                    if (user == null) {
                        return null;
                    }
                    RateLimiter limiter = users.get(user, key -> RateLimiter.of(key, perUser));
                    return limiter.acquirePermission() ? null
                            : refusal(limiter, "You are sending requests faster than " + perUser.getLimitForPeriod() + " per "
                                    + perUser.getLimitRefreshPeriod().toSeconds() + " s", instance);
                });
    }

    /** team and subject of a verified token, or null (the request is then refused for its token anyway). */
    private static String user(SecurityIdentity identity) {
        return TokenClaims.checked(identity).map(c -> c.team() + '\u0000' + c.subject()).orElse(null);
    }

    private static Response refusal(RateLimiter limiter, String detail, String instance) {
        long nanos = limiter instanceof io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait() : TimeUnit.SECONDS.toNanos(1);
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1);
        return Problems.tooManyRequests(detail + "; try again in " + seconds + " s", seconds, instance);
    }
}
