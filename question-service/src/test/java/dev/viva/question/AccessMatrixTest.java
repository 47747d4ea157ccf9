package dev.viva.question;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.viva.local.DevTokens;
import dev.viva.local.test.ContractSuites;
import dev.viva.local.test.ContractSuites.Caller;
import dev.viva.local.test.MalformedTokens;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Every operation × role × team: a team's own question is reached by nobody of another team (nor of a team
 * written with quotes), in any role; lists and exports of other teams never contain it. The same test runs in
 * all three services.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class AccessMatrixTest {

    @Test
    void noCallerOfAnotherTeamReachesATeamsQuestion() {
        String team = Fixtures.unique("acme");
        String other = Fixtures.unique("globex");
        String id = Fixtures.unique("secret-question");
        QuestionApi.create(team, Fixtures.question(id, "rag", "MID", "secret"));

        List<Caller> callers = List.of(
                new Caller("a candidate of another team", DevTokens.mint("cora", other, "candidate"), List.of("candidate"), false),
                new Caller("an interviewer of another team", DevTokens.mint("ivy", other, "interviewer"), List.of("interviewer"), false),
                new Caller("an admin of another team", DevTokens.mint("ada", other, "admin"), List.of("admin"), false),
                new Caller("a service of another team", DevTokens.mint("svc", other, "service"), List.of("service"), false),
                new Caller("an admin of the quoted team", MalformedTokens.quotedTeam("mallory", team, "admin"), List.of("admin"), false),
                new Caller("a candidate of the team", DevTokens.mint("cal", team, "candidate"), List.of("candidate"), true),
                new Caller("an interviewer of the team", DevTokens.mint("ian", team, "interviewer"), List.of("interviewer"), true),
                new Caller("an admin of the team", DevTokens.mint("al", team, "admin"), List.of("admin"), true));

        ContractSuites.Report report = ContractSuites.accessMatrix("http://localhost:" + RestAssured.port, callers,
                Map.of("id", id), BadInputTest.validBodies(Fixtures.unique("theirs")), Set.of(id),
                // categories are named per team: another team's PUT defines a category of its own
                Set.of("PUT /api/categories/{category}")).print();
        assertThat(report.failures()).isEmpty();
    }
}
