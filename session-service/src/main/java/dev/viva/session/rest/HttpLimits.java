package dev.viva.session.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.viva.session.config.HttpLimitsConfig;
import dev.viva.session.service.FieldError;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The HTTP layer's part of the error contract: requests too large to handle (413, 414, 431), too slow to
 * arrive (408, after {@code viva.http.body-timeout} for the whole body, however slowly it trickles in) or unreadable before any resource sees them (400 for a NUL character or broken
 * percent-encoding) are refused with the same problem+json as every other error, and a failure anywhere in
 * the router ends as one too. Every response says {@code X-Content-Type-Options: nosniff}; HTML from
 * {@code /api} also gets a Content-Security-Policy that lets it load nothing. The same class exists in all
 * three services.
 */
@ApplicationScoped
public class HttpLimits {

    private static final Logger LOG = Logger.getLogger(HttpLimits.class);

    private static final String DEADLINE = "viva.body-deadline";

    /** An HTML report is self-contained: inline styles, no script, nothing fetched, not framed. */
    static final String HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final HttpLimitsConfig config;
    private final long maxBodyBytes;

    public HttpLimits(HttpLimitsConfig config, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.config = config;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        // The body is read on the event loop before any resource runs (the REST layer takes it from here), so a
        // slow sender holds no worker thread; the deadline set in check() ends when the body is complete.
        BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            if (ctx.get(DEADLINE) != null && ctx.request().version() != HttpVersion.HTTP_2) {
                body.handle(ctx);
            } else {
                // No body announced: nothing to read, and a stream (server-sent events) must keep its request unread.
                // Over HTTP/2 the REST layer reads the body itself: it pauses the request, which HTTP/2 refuses once the
                // body is read. The deadline still ends a body that has not arrived in time.
                ctx.next();
            }
        });
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            Long deadline = ctx.get(DEADLINE);
            if (deadline != null && ctx.request().isEnded()) {
                ctx.vertx().cancelTimer(deadline);
            }
            ctx.next();
        });
        // Anything under /api that no resource matched is a problem too, not the framework's text page.
        router.route("/api/*").order(Integer.MAX_VALUE).handler(ctx -> refuse(ctx, 404, "No such resource", null));
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        ctx.addHeadersEndHandler(v -> securityHeaders(ctx));
        String uri = request.uri();
        if (uri.length() > config.maxUriLength()) {
            refuse(ctx, 414, "The request URI is longer than " + config.maxUriLength() + " characters", null);
            return;
        }
        if (headerBytes(request) > config.maxHeaderBytes()) {
            refuse(ctx, 431, "The request headers are larger than " + config.maxHeaderBytes() + " bytes", null);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredTooLarge(length)) {
            refuse(ctx, 413, "The request body is larger than " + maxBodyBytes + " bytes", null);
            return;
        }
        FieldError unreadable = unreadable(uri);
        if (unreadable != null) {
            refuse(ctx, 400, unreadable.field() + " " + unreadable.message(), List.of(unreadable));
            return;
        }
        if (announcesBody(request, length)) {
            long deadline = ctx.vertx().setTimer(config.bodyTimeout().toMillis(), id -> {
                if (!ctx.request().isEnded() && !ctx.response().headWritten()) {
                    // a client this slow is not waited for: the connection goes once the answer is written
                    ctx.addEndHandler(done -> request.connection().close());
                    refuse(ctx, 408, "The request body did not arrive within " + config.bodyTimeout().toSeconds() + " s", null, true);
                }
            });
            ctx.put(DEADLINE, deadline);
            ctx.addEndHandler(done -> ctx.vertx().cancelTimer(deadline));
        }
        ctx.next();
    }

    private void failed(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            if (ctx.failure() != null && ProblemMappers.clientGone(ctx.failure())) {
                // the answer is out (a 408 that closed the connection, or a stream the client left): nothing to log
                LOG.debugf("The connection closed after the answer: %s", ctx.failure());
                return;
            }
            ctx.next();
            return;
        }
        int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
        if (status >= 500) {
            if (ctx.failure() != null && ProblemMappers.clientGone(ctx.failure())) {
                LOG.debugf("The client went away: %s", ctx.failure());
            } else {
                LOG.error("Request failed", ctx.failure());
            }
        }
        String detail = switch (status) {
            case 400 -> "The request cannot be read";
            case 401 -> Unauthenticated.detail(ctx.failure(), null);
            case 403 -> "Your roles do not allow this";
            case 404 -> "No such resource";
            case 413 -> "The request body is larger than " + maxBodyBytes + " bytes";
            default -> status >= 500 ? "Something went wrong on our side" : "The request was refused";
        };
        refuse(ctx, status, detail, null);
    }

    private void refuse(RoutingContext ctx, int status, String detail, List<FieldError> errors) {
        refuse(ctx, status, detail, errors, status == 413 || status == 414 || status == 431);
    }

    /** @param close whether to close the connection: the unread rest of the request would pass for the next one */
    private void refuse(RoutingContext ctx, int status, String detail, List<FieldError> errors, boolean close) {
        if (ctx.response().ended()) {
            return;
        }
        String path = ctx.request().path();
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        if (close) {
            // the unread rest of the request must not pass for the next one; the server closes after the answer
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response().end(Problems.json(status, detail, errors, path == null || path.length() > 512 ? null : path));
        if (close) {
            closeOnceRead(ctx);
        }
    }

    /**
     * Reads and drops what is left of a refused request, then closes the connection: a client still sending its
     * body gets to read the answer, and one that stops sending is cut off after the body timeout.
     */
    private void closeOnceRead(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        long cutOff = ctx.vertx().setTimer(config.bodyTimeout().toMillis(), id -> request.connection().close());
        try {
            request.handler(ignored -> { }).endHandler(done -> {
                ctx.vertx().cancelTimer(cutOff);
                request.connection().close();
            }).resume();
        } catch (IllegalStateException alreadyRead) {
            ctx.vertx().cancelTimer(cutOff);
            request.connection().close();
        }
    }

    private static void securityHeaders(RoutingContext ctx) {
        var headers = ctx.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        String path = ctx.request().path();
        if (type != null && type.startsWith("text/html") && path != null && path.startsWith("/api/")) {
            headers.set("Content-Security-Policy", HTML_POLICY);
        }
    }

    /** A body to read: a positive Content-Length or a chunked one (an empty body is left to the REST layer). */
    private static boolean announcesBody(HttpServerRequest request, String length) {
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) > 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private boolean declaredTooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The part of the request target that cannot be read: broken percent-encoding, or a NUL or other control
     * character (which no field may hold, and which PostgreSQL cannot store). A query parameter is named.
     */
    static FieldError unreadable(String uri) {
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? null : uri.substring(q + 1);
        String path;
        try {
            path = QueryStringDecoder.decodeComponent(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new FieldError("path", "is not valid percent-encoding");
        }
        if (hasControl(path)) {
            return new FieldError("path", "must not contain NUL or other control characters");
        }
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, List<String>> params;
        try {
            params = new QueryStringDecoder(rawQuery, StandardCharsets.UTF_8, false).parameters();
        } catch (IllegalArgumentException e) {
            return new FieldError("query", "is not valid percent-encoding");
        }
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String name = hasControl(param.getKey()) ? "query" : param.getKey();
            if (hasControl(param.getKey()) || param.getValue().stream().anyMatch(HttpLimits::hasControl)) {
                return new FieldError(name, "must not contain NUL or other control characters");
            }
        }
        return null;
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
