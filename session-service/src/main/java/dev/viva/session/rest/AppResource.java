package dev.viva.session.rest;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.viva.session.config.AppConfig;
import dev.viva.session.service.ProblemException;
import io.smallrye.jwt.build.Jwt;

/**
 * What the web app needs before anyone has signed in: where the other services answer, how to sign in,
 * and (in the local stack only) a development sign-in that mints a token. Outside {@code /api}, because
 * these calls come before there is a token.
 */
@Path("/app")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class AppResource {

    /** The public part of {@link AppConfig}: no secret is in it. */
    public record ClientConfig(String questionServiceUrl, String sessionServiceUrl, String graderServiceUrl,
            boolean devSignIn, OidcClient oidc) {
    }

    public record OidcClient(String issuer, String clientId, String scope) {
    }

    public record DevSignIn(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}", message = "use 1-64 letters, digits, '.', '_', '@' or '-'") String name,
            @NotNull @Pattern(regexp = "candidate|interviewer|admin", message = "must be candidate, interviewer or admin") String role,
            @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "use 1-64 letters, digits, '.', '_' or '-'") String team) {
    }

    public record DevToken(String token, Instant expiresAt) {
    }

    private final AppConfig config;
    private final String issuer;
    private final Validator validator;

    public AppResource(AppConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer, Validator validator) {
        this.config = config;
        this.issuer = issuer;
        this.validator = validator;
    }

    @GET
    @Path("config")
    @Operation(summary = "The web app's settings: the services' URLs and how to sign in")
    public Response config() {
        OidcClient oidc = config.oidc().issuer().filter(s -> !s.isBlank())
                .flatMap(i -> config.oidc().clientId().filter(s -> !s.isBlank())
                        .map(c -> new OidcClient(i.replaceAll("/+$", ""), c, config.oidc().scope())))
                .orElse(null);
        ClientConfig body = new ClientConfig(trim(config.questionServiceUrl().orElse("")), "", trim(config.graderServiceUrl().orElse("")),
                config.devSignIn(), oidc);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body).cacheControl(noStore).build();
    }

    @POST
    @Path("dev-sign-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Development only, when viva.app.dev-sign-in is on: a token for any name, role and team")
    public Response devSignIn(DevSignIn request) {
        // Off means absent: the switch is checked before the body, so nothing tells that the endpoint exists.
        if (!config.devSignIn()) {
            throw new ProblemException(404, "Not found", "No such resource", List.of());
        }
        if (request == null) {
            throw ProblemException.invalid("body", "send {name, role, team}");
        }
        Set<ConstraintViolation<DevSignIn>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Instant expires = Instant.now().plus(config.devTokenTtl());
        String token = Jwt.issuer(issuer)
                .subject(request.name())
                .upn(request.name())
                .preferredUserName(request.name())
                .groups(Set.of(request.role()))
                .claim("team", request.team())
                .expiresAt(expires)
                .sign();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new DevToken(token, expires)).cacheControl(noStore).build();
    }

    private static String trim(String url) {
        return url == null ? "" : url.strip().replaceAll("/+$", "");
    }
}
