package dev.viva.browser;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.viva.local.DevTokens;

/**
 * An OpenID Connect provider that signs in one fixed person at once (no login form): discovery, an
 * authorization endpoint that sends the browser back with a code, and a token endpoint that gives the
 * access token only for the PKCE verifier that matches the code's S256 challenge, the same client and the
 * same redirect URI. The access token is a development token, so the services accept it.
 */
final class FakeIdentityProvider implements AutoCloseable {

    static final String CLIENT_ID = "viva-web";

    record Grant(String challenge, String clientId, String redirectUri) {
    }

    private final HttpServer server;
    private final String subject;
    private final String team;
    private final String role;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    final AtomicInteger tokensIssued = new AtomicInteger();
    final AtomicInteger tokensRefused = new AtomicInteger();
    volatile String lastRedirect;

    FakeIdentityProvider(String subject, String team, String role) throws IOException {
        this.subject = subject;
        this.team = team;
        this.role = role;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void discovery(HttpExchange ex) throws IOException {
        send(ex, 200, "{\"issuer\":\"" + issuer() + "\",\"authorization_endpoint\":\"" + issuer() + "/authorize\","
                + "\"token_endpoint\":\"" + issuer() + "/token\",\"code_challenge_methods_supported\":[\"S256\"]}");
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        if (!"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || q.get("code_challenge") == null || q.get("state") == null) {
            send(ex, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(q.get("code_challenge"), q.get("client_id"), q.get("redirect_uri")));
        lastRedirect = q.get("redirect_uri");
        ex.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=" + code + "&state=" + q.get("state"));
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        if ("OPTIONS".equals(ex.getRequestMethod())) {
            send(ex, 204, null);
            return;
        }
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(String.valueOf(f.get("code")));
        if (grant == null || !"authorization_code".equals(f.get("grant_type")) || !grant.clientId().equals(f.get("client_id"))
                || !grant.redirectUri().equals(f.get("redirect_uri")) || f.get("code_verifier") == null
                || !grant.challenge().equals(s256(f.get("code_verifier")))) {
            tokensRefused.incrementAndGet();
            send(ex, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        tokensIssued.incrementAndGet();
        send(ex, 200, "{\"access_token\":\"" + DevTokens.mint(subject, team, role) + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null) {
            // the browser reads discovery and the token endpoint from the app's origin
            ex.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
            ex.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type, Accept");
            ex.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST");
        }
        if (json == null) {
            ex.sendResponseHeaders(status, -1);
        } else {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
