package dev.viva.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Mints RS256 bearer tokens signed with the development key pair that ships with the local stack.
 * The services verify them with the matching public key; never use this key pair outside development.
 *
 * <pre>java -cp ... dev.viva.local.DevTokens ROLE[,ROLE] SUBJECT TEAM [HOURS]</pre>
 */
public final class DevTokens {

    public static final String ISSUER = "https://viva.local/dev";
    public static final String PRIVATE_KEY_RESOURCE = "dev/viva/local/jwt/privateKey.pem";
    public static final String PUBLIC_KEY_RESOURCE = "dev/viva/local/jwt/publicKey.pem";

    private DevTokens() {
    }

    public static String mint(String subject, String team, Duration ttl, String... roles) {
        Instant now = Instant.now();
        String groups = List.of(roles).stream().map(r -> "\"" + json(r) + "\"").collect(Collectors.joining(","));
        String payload = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + json(subject) + "\",\"upn\":\"" + json(subject)
                + "\",\"preferred_username\":\"" + json(subject) + "\",\"team\":\"" + json(team)
                + "\",\"groups\":[" + groups + "],\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(ttl).getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        return sign(payload);
    }

    /**
     * Signs any claims set, given as the JSON text of the token's payload. Tests use it for tokens whose
     * claims are malformed on purpose (a team that is an array, no subject), which {@link #mint} never makes.
     */
    public static String sign(String payloadJson) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payloadJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException("Signing a development token failed", e);
        }
    }

    public static String mint(String subject, String team, String... roles) {
        return mint(subject, team, Duration.ofHours(8), roles);
    }

    public static String resource(String name) {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where {@link #writeKeyPair(Path)} put the development key pair. */
    public record KeyFiles(java.nio.file.Path publicKey, java.nio.file.Path privateKey) {
    }

    /** Writes the development key pair into {@code dir}, for services started as separate processes. */
    public static KeyFiles writeKeyPair(java.nio.file.Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
            return new KeyFiles(
                    java.nio.file.Files.writeString(dir.resolve("publicKey.pem"), resource(PUBLIC_KEY_RESOURCE)),
                    java.nio.file.Files.writeString(dir.resolve("privateKey.pem"), resource(PRIVATE_KEY_RESOURCE)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PrivateKey privateKey() throws Exception {
        String pem = resource(PRIVATE_KEY_RESOURCE)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: token ROLE[,ROLE] SUBJECT TEAM [HOURS]   roles: candidate interviewer admin service");
            System.exit(2);
        }
        Duration ttl = Duration.ofHours(args.length > 3 ? Long.parseLong(args[3]) : 8);
        System.out.println(mint(args[1], args[2], ttl, args[0].split(",")));
    }
}
