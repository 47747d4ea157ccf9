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
        return mint(subject, team, DEFAULT_TTL, roles);
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

    /** How long development tokens last unless asked otherwise: the same for deploy/viva up and deploy/viva token. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(12);

    /** The roles the services know; a token with another role would be refused everywhere with 403. */
    public static final List<String> ROLES = List.of("candidate", "interviewer", "admin", "service");

    /** Longest lifetime a development token may be given, in hours (a year). */
    static final double MAX_HOURS = 24 * 365;

    static final String USAGE = "usage: deploy/viva token ROLE[,ROLE] NAME TEAM [HOURS]   roles: " + String.join(", ", ROLES)
            + "; HOURS a positive number (default " + DEFAULT_TTL.toHours() + ")";

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The token command: prints a token, or one line saying what is wrong; returns the exit status. */
    static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        if (args.length < 3 || args.length > 4) {
            err.println(USAGE);
            return 2;
        }
        String[] roles = args[0].split(",", -1);
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                err.println("error: unknown role '" + role + "'; roles are " + String.join(", ", ROLES));
                return 2;
            }
        }
        if (args[1].isBlank() || args[2].isBlank()) {
            err.println("error: NAME and TEAM must not be empty");
            return 2;
        }
        Duration ttl = DEFAULT_TTL;
        if (args.length == 4) {
            double hours;
            try {
                hours = Double.parseDouble(args[3]);
            } catch (NumberFormatException e) {
                hours = Double.NaN;
            }
            long seconds = Double.isFinite(hours) ? Math.round(hours * 3600) : 0;
            if (!(hours > 0) || hours > MAX_HOURS || seconds < 1) {
                err.println("error: HOURS must be a positive number of hours up to " + (long) MAX_HOURS + ", such as 8 or 0.5; got '"
                        + args[3] + "'");
                return 2;
            }
            ttl = Duration.ofSeconds(seconds);
        }
        out.println(mint(args[1], args[2], ttl, roles));
        return 0;
    }
}
