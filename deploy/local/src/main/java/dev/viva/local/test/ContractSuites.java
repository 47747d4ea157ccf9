package dev.viva.local.test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.viva.local.DevTokens;
import dev.viva.local.test.ApiOperations.Operation;
import dev.viva.local.test.BadInputs.Probe;

/**
 * The generated suites every service runs over its own OpenAPI document: wrong input, the error contract
 * (tokens, roles, the HTTP layer) and the access matrix. Each returns a {@link Report}; the service's test
 * prints it and asserts that it lists no failure.
 */
public final class ContractSuites {

    /** Every role at once, so that only the input (not a role check) can be what is refused. */
    public static final String[] ALL_ROLES = { "candidate", "interviewer", "admin", "service" };

    private static final List<String> ROLES = List.of(ALL_ROLES);

    /** How many requests a suite sent, and what was wrong with the answers. */
    public record Report(String suite, int requests, List<String> failures) {
        public Report print() {
            System.out.printf("%s: %d requests, %d failures%n", suite, requests, failures.size());
            failures.stream().limit(40).forEach(f -> System.out.println("  " + f));
            return this;
        }
    }

    private ContractSuites() {
    }

    /**
     * Every probe of {@link BadInputs} for every operation, sent with a token holding every role.
     *
     * @param validBodies by operation ({@code "POST /api/sessions"}), a body the operation accepts; {@code {}} otherwise
     */
    public static Report badInput(String baseUrl, String team, Map<String, String> validBodies) {
        String token = DevTokens.mint("prober", team, ALL_ROLES);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        int refused = 0;
        for (Operation op : ApiOperations.of(baseUrl)) {
            for (Probe probe : BadInputs.of(op, validBodies.getOrDefault(op.toString(), "{}"))) {
                HttpProbe.Answer answer = HttpProbe.send(baseUrl, probe.method(), probe.uri(), token, probe.contentType(), probe.body());
                sent++;
                String verdict = judge(probe, answer);
                if (verdict == null) {
                    refused++;
                } else {
                    failures.add(probe + ": " + verdict);
                }
            }
        }
        System.out.printf("bad input: %d wrong requests, %d refused as the contract says%n", sent, refused);
        return new Report("bad input", sent, failures);
    }

    private static String judge(Probe probe, HttpProbe.Answer answer) {
        if (answer.status() >= 500) {
            return "server error " + answer.status() + " " + answer.body();
        }
        if (answer.status() < 400) {
            return "accepted with " + answer.status();
        }
        if (!probe.refusedWith().contains(answer.status())) {
            return "refused with " + answer.status() + " instead of " + probe.refusedWith() + ": " + ProblemContract.text(answer.body());
        }
        List<String> wrong = answer.violations();
        if (!wrong.isEmpty()) {
            return String.join("; ", wrong);
        }
        if (probe.field() != null && ProblemContract.fields(answer.body()).stream().noneMatch(f -> names(f, probe.field()))) {
            return "errors " + ProblemContract.fields(answer.body()) + " do not name " + probe.field();
        }
        if (probe.mention() != null && !ProblemContract.text(answer.body()).contains(probe.mention())) {
            return "does not mention " + probe.mention() + ": " + ProblemContract.text(answer.body());
        }
        return null;
    }

    private static boolean names(String field, String expected) {
        return field.equals(expected) || field.startsWith(expected + ".") || field.startsWith(expected + "[");
    }

    /**
     * A missing, expired, badly signed or garbled token is a 401 with {@code WWW-Authenticate: Bearer} on every
     * operation, and the detail says which (an expired one also how to get a new token locally).
     */
    public static Report tokens(String baseUrl, String team) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("missing", null);
        tokens.put("expired", DevTokens.mint("alice", team, Duration.ofHours(-2), ALL_ROLES));
        tokens.put("invalid", "not.a.token");
        String good = DevTokens.mint("alice", team, ALL_ROLES);
        tokens.put("invalid signature", good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5));
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Operation op : ApiOperations.of(baseUrl)) {
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                HttpProbe.Answer answer = HttpProbe.send(baseUrl, op.method(), op.path(), token.getValue(),
                        op.readsJson() ? "application/json" : null, op.readsJson() ? "{}" : null);
                sent++;
                String word = token.getKey().startsWith("invalid") ? "invalid" : token.getKey();
                List<String> wrong = new ArrayList<>(answer.violations());
                if (answer.status() != 401) {
                    wrong.add("status " + answer.status());
                } else if (!ProblemContract.text(answer.body()).contains(word)) {
                    wrong.add("the detail does not say " + word + ": " + ProblemContract.text(answer.body()));
                } else if (word.equals("expired") && !ProblemContract.text(answer.body()).contains("deploy/viva token")) {
                    wrong.add("the detail does not say how to get a new token: " + ProblemContract.text(answer.body()));
                }
                if (!wrong.isEmpty()) {
                    failures.add(op + " with a " + token.getKey() + " token: " + String.join("; ", wrong));
                }
            }
        }
        return new Report("tokens", sent, failures);
    }

    /**
     * A caller without the role an operation documents is a 403 whose detail names a role that would do; the
     * operations that document no roles are reported, so that the matrix cannot skip an operation silently.
     */
    public static Report roles(String baseUrl, String team) {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Operation op : ApiOperations.of(baseUrl)) {
            if (op.roles().isEmpty()) {
                failures.add(op + " documents no roles");
                continue;
            }
            for (String role : ROLES) {
                if (op.roles().contains(role)) {
                    continue;
                }
                HttpProbe.Answer answer = HttpProbe.send(baseUrl, op.method(), op.path(), DevTokens.mint("rolf", team, role),
                        op.readsJson() ? "application/json" : null, op.readsJson() ? "{}" : null);
                sent++;
                List<String> wrong = new ArrayList<>(answer.violations());
                if (answer.status() != 403) {
                    wrong.add("status " + answer.status());
                } else if (op.roles().stream().noneMatch(r -> ProblemContract.text(answer.body()).contains(r))) {
                    wrong.add("the detail names none of " + op.roles() + ": " + ProblemContract.text(answer.body()));
                }
                if (!wrong.isEmpty()) {
                    failures.add(op + " as " + role + ": " + String.join("; ", wrong));
                }
            }
        }
        return new Report("roles", sent, failures);
    }

    /**
     * What the HTTP layer refuses before any resource runs is problem+json too: 404 for an unknown {@code /api}
     * path, 405, 406, 413, 414, 431, and 408 for a body that does not arrive in time.
     *
     * @param getPath a {@code GET} operation's concrete path that returns JSON
     * @param postPath a {@code POST} operation's concrete path that reads JSON
     * @param maxBodyBytes the service's body limit
     * @param bodyTimeout the service's body timeout (configured short in tests)
     */
    public static Report httpLayer(String baseUrl, String team, String getPath, String postPath, long maxBodyBytes, Duration bodyTimeout) {
        String token = DevTokens.mint("hal", team, ALL_ROLES);
        List<String> failures = new ArrayList<>();
        Map<String, Function<Void, HttpProbe.Answer>> cases = new LinkedHashMap<>();
        cases.put("unknown path 404", v -> HttpProbe.send(baseUrl, "GET", "/api/no-such-thing", token, null, null));
        cases.put("wrong method 405", v -> HttpProbe.send(baseUrl, "DELETE", getPath, token, null, null));
        cases.put("unacceptable Accept 406", v -> HttpProbe.send(baseUrl, "GET", getPath, token, null, null, Map.of("Accept", "image/png")));
        cases.put("declared body too large 413", v -> raw(baseUrl, "POST " + postPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: " + (maxBodyBytes + 1)
                + "\r\n\r\n{"));
        cases.put("long URI 414", v -> HttpProbe.send(baseUrl, "GET", getPath + "?pad=" + "a".repeat(5000), token, null, null));
        cases.put("large headers 431", v -> HttpProbe.send(baseUrl, "GET", getPath, token, null, null, Map.of("X-Pad", "a".repeat(20000))));
        Map<String, Integer> expected = Map.of("unknown path 404", 404, "wrong method 405", 405, "unacceptable Accept 406", 406,
                "declared body too large 413", 413, "long URI 414", 414, "large headers 431", 431);
        for (Map.Entry<String, Function<Void, HttpProbe.Answer>> c : cases.entrySet()) {
            HttpProbe.Answer answer = c.getValue().apply(null);
            List<String> wrong = new ArrayList<>(answer.violations());
            if (answer.status() != expected.get(c.getKey())) {
                wrong.add("status " + answer.status());
            }
            if (!"nosniff".equals(answer.header("X-Content-Type-Options"))) {
                wrong.add("no X-Content-Type-Options: nosniff");
            }
            if (!wrong.isEmpty()) {
                failures.add(c.getKey() + ": " + String.join("; ", wrong));
            }
        }
        String slow = slowBody(baseUrl, postPath, token, bodyTimeout);
        if (slow != null) {
            failures.add("slow body 408: " + slow);
        }
        String http2 = http2Body(baseUrl, getPath, postPath, token);
        if (http2 != null) {
            failures.add("body over HTTP/2: " + http2);
        }
        return new Report("HTTP layer", cases.size() + 2, failures);
    }

    /**
     * A body sent over HTTP/2 (the JDK client's default, upgraded from cleartext HTTP/1.1 on the first request) is
     * read like one over HTTP/1.1: an unreadable body is a 400 problem, not a 500.
     */
    private static String http2Body(String baseUrl, String getPath, String postPath, String token) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            client.send(HttpRequest.newBuilder(URI.create(baseUrl + getPath))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(baseUrl + postPath))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString("{")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.version() != HttpClient.Version.HTTP_2) {
                return "the server did not speak HTTP/2 (" + answer.version() + ")";
            }
            List<String> wrong = new ArrayList<>(ProblemContract.violations(answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse(null), name -> answer.headers().firstValue(name).orElse(null),
                    answer.body()));
            if (answer.statusCode() != 400) {
                wrong.add("status " + answer.statusCode());
            }
            return wrong.isEmpty() ? null : String.join("; ", wrong);
        } catch (java.io.IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            client.close();
        }
    }

    /** Sends {@code request} as it is and reads the answer up to the end of its body (the server closes). */
    private static HttpProbe.Answer raw(String baseUrl, String request) {
        java.net.URI base = java.net.URI.create(baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = split < 0 ? response : response.substring(0, split);
            String body = split < 0 ? "" : response.substring(split + 4);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            head.lines().skip(1).forEach(line -> {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim(), List.of(line.substring(colon + 1).trim()));
                }
            });
            int status = Integer.parseInt(head.split(" ")[1]);
            String type = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
            return new HttpProbe.Answer(status, type, headers, body);
        } catch (java.io.IOException | RuntimeException e) {
            return new HttpProbe.Answer(0, null, Map.of(), "no answer: " + e);
        }
    }

    /** Sends the headers and a few bytes of a body, then nothing: the server must answer 408 and close. */
    private static String slowBody(String baseUrl, String path, String token, Duration bodyTimeout) {
        java.net.URI base = java.net.URI.create(baseUrl);
        long started = System.nanoTime();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) bodyTimeout.multipliedBy(4).toMillis() + 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"te").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("slow body: answered and closed after %.1f s (limit %d s)%n", seconds, bodyTimeout.toSeconds());
            if (!response.startsWith("HTTP/1.1 408")) {
                return "answered " + response.lines().findFirst().orElse("nothing");
            }
            if (!response.contains("application/problem+json") || !response.contains("\"status\":408")) {
                return "not a problem: " + response;
            }
            return null;
        } catch (java.io.IOException e) {
            return "the connection was not answered: " + e;
        }
    }

    /** One caller of the access matrix: a name for the report, a token, and whether it may see the owner's data. */
    public record Caller(String name, String token, List<String> roles, boolean mayReachOwnersData) {
    }

    /**
     * Every operation × every caller, with the path filled with the ids of data the owner created. A caller that
     * may not reach the owner's data never gets a 2xx naming it: a path with the owner's id is refused, and a list
     * or search answer never contains any of {@code ownersIds}. A caller without a documented role gets 403.
     *
     * @param pathValues path parameter name → the owner's id for it
     * @param validBodies by operation, a body it accepts
     * @param ownersIds strings that identify the owner's data (ids, names) and must not leak
     */
    public static Report accessMatrix(String baseUrl, List<Caller> callers, Map<String, String> pathValues,
            Map<String, String> validBodies, Set<String> ownersIds) {
        return accessMatrix(baseUrl, callers, pathValues, validBodies, ownersIds, Set.of());
    }

    /**
     * @param callersOwn operations ({@code "PUT /api/categories/{category}"}) whose path names something in the
     *        caller's own team, not the owner's: a 2xx there acts on the caller's team, so only a leak of the
     *        owner's data in the answer counts against it
     */
    public static Report accessMatrix(String baseUrl, List<Caller> callers, Map<String, String> pathValues,
            Map<String, String> validBodies, Set<String> ownersIds, Set<String> callersOwn) {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        int crossRefused = 0;
        List<Operation> operations = ApiOperations.of(baseUrl);
        for (Caller caller : callers) {
            for (Operation op : operations) {
                String uri = op.path(pathValues);
                HttpProbe.Answer answer = HttpProbe.send(baseUrl, op.method(), uri, caller.token(),
                        op.readsJson() ? "application/json" : null, op.readsJson() ? validBodies.getOrDefault(op.toString(), "{}") : null);
                sent++;
                String cell = op + " as " + caller.name();
                if (answer.status() >= 500) {
                    failures.add(cell + ": server error " + answer.status());
                    continue;
                }
                if (answer.status() >= 400 && !answer.violations().isEmpty()) {
                    failures.add(cell + ": " + String.join("; ", answer.violations()));
                }
                boolean hasRole = op.roles().isEmpty() || caller.roles().stream().anyMatch(op.roles()::contains);
                if (!hasRole && answer.status() != 403) {
                    failures.add(cell + ": a caller without the role " + op.roles() + " got " + answer.status());
                }
                if (caller.mayReachOwnersData()) {
                    continue;
                }
                boolean pathNamesOwner = op.template().contains("{") && !callersOwn.contains(op.toString());
                if (pathNamesOwner && answer.status() < 400) {
                    failures.add(cell + ": reached the owner's data with " + answer.status());
                } else if (answer.status() < 400 && ownersIds.stream().anyMatch(answer.body()::contains)) {
                    failures.add(cell + ": the answer contains the owner's data");
                } else {
                    crossRefused++;
                }
            }
        }
        HttpProbe.Answer metrics = HttpProbe.send(baseUrl, "GET", "/q/metrics", null, null, null);
        for (String id : ownersIds) {
            if (metrics.body().contains(id)) {
                failures.add("/q/metrics names " + id + " in a label");
            }
        }
        System.out.printf("access matrix: %d operations x %d callers = %d requests, %d cross-owner or cross-team cells held%n",
                operations.size(), callers.size(), sent, crossRefused);
        return new Report("access matrix", sent, failures);
    }
}
