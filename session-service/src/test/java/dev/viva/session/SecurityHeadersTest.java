package dev.viva.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.viva.session.config.AppConfig;
import dev.viva.session.rest.SecurityHeaders;

/** The app's Content-Security-Policy lets it connect to exactly the configured services and identity provider. */
class SecurityHeadersTest {

    @Test
    void connectionsGoOnlyToTheConfiguredOrigins() {
        String policy = new SecurityHeaders(config("http://localhost:8081/", "https://grader.example.com:8443/base",
                "https://login.example.com/realms/viva")).appPolicy();
        assertThat(policy).contains("connect-src 'self' http://localhost:8081 https://grader.example.com:8443 https://login.example.com;");
    }

    @Test
    void withoutUrlsTheAppTalksOnlyToItsOwnOrigin() {
        assertThat(new SecurityHeaders(config(null, "", "not a url")).appPolicy()).contains("connect-src 'self';");
    }

    private static AppConfig config(String question, String grader, String issuer) {
        return new AppConfig() {
            public Optional<String> questionServiceUrl() {
                return Optional.ofNullable(question);
            }

            public Optional<String> graderServiceUrl() {
                return Optional.ofNullable(grader);
            }

            public boolean devSignIn() {
                return false;
            }

            public Duration devTokenTtl() {
                return Duration.ofHours(1);
            }

            public Oidc oidc() {
                return new Oidc() {
                    public Optional<String> issuer() {
                        return Optional.ofNullable(issuer);
                    }

                    public Optional<String> clientId() {
                        return Optional.of("viva");
                    }

                    public String scope() {
                        return "openid";
                    }
                };
            }
        };
    }
}
