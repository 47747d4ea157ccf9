package dev.viva.session.rest;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * smallrye-jwt's token verification, remembered per token: a client sends the same bearer token with every
 * request, and checking its RSA signature and parsing its claims again each time was the largest single cost
 * of a submit. A token is verified in full the first time (signature, issuer, expiry, as configured); the
 * same token string is then accepted from memory until its {@code exp}, and at most for {@link #LONGEST}, so a
 * change of keys reaches every token within that time. A token that fails verification is never remembered.
 * Only the exact string is matched, so no other token can use an entry.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokens extends JWTCallerPrincipalFactory {

    static final Duration LONGEST = Duration.ofMinutes(5);

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final Cache<String, JWTCallerPrincipal> verified = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfter(new Expiry<String, JWTCallerPrincipal>() {
                @Override
                public long expireAfterCreate(String token, JWTCallerPrincipal principal, long currentTime) {
                    return Math.min(nanosLeft(principal), LONGEST.toNanos());
                }

                @Override
                public long expireAfterUpdate(String token, JWTCallerPrincipal principal, long currentTime, long currentDuration) {
                    return currentDuration;
                }

                @Override
                public long expireAfterRead(String token, JWTCallerPrincipal principal, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            })
            .build();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal known = verified.getIfPresent(token);
        if (known != null && nanosLeft(known) > 0) {
            return known;
        }
        JWTCallerPrincipal principal = verifier.parse(token, context);
        if (nanosLeft(principal) > 0) {
            verified.put(token, principal);
        }
        return principal;
    }

    /** Whether this exact token is remembered as verified. */
    public boolean remembers(String token) {
        return verified.getIfPresent(token) != null;
    }

    /** Until the token's {@code exp}; none left for a token without one (it is then verified every time). */
    private static long nanosLeft(JWTCallerPrincipal principal) {
        long exp = principal.getExpirationTime();
        if (exp <= 0) {
            return 0;
        }
        return Math.max(0, TimeUnit.SECONDS.toNanos(exp) - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));
    }
}
