package dev.viva.question;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.viva.local.DevTokens;
import dev.viva.local.test.ApiOperations;
import dev.viva.local.test.ContractSuites;
import dev.viva.local.test.ContractSuites.Caller;
import dev.viva.local.test.MalformedTokens;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

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

    /**
     * The same matrix when the other team has a question of the same id: each of its callers reaches its own
     * question (so a 2xx on an {@code {id}} path is allowed), and no answer carries anything of the owner's.
     */
    @Test
    void anotherTeamWithAQuestionOfTheSameIdOnlyEverReachesItsOwn() {
        String team = Fixtures.unique("acme");
        String other = Fixtures.unique("globex");
        String id = Fixtures.unique("same-id");
        String ownersMarker = Fixtures.unique("acme-only");
        QuestionApi.create(team, TeamScopedIdsTest.marked(id, ownersMarker));
        QuestionApi.create(other, TeamScopedIdsTest.marked(id, Fixtures.unique("globex-only")));

        List<Caller> callers = List.of(
                new Caller("a candidate of the team with the same id", DevTokens.mint("cora", other, "candidate"), List.of("candidate"), false),
                new Caller("an interviewer of the team with the same id", DevTokens.mint("ivy", other, "interviewer"), List.of("interviewer"), false),
                new Caller("an admin of the team with the same id", DevTokens.mint("ada", other, "admin"), List.of("admin"), false),
                new Caller("a service of the team with the same id", DevTokens.mint("svc", other, "service"), List.of("service"), false));
        String base = "http://localhost:" + RestAssured.port;
        Set<String> idPaths = ApiOperations.of(base).stream().filter(op -> op.template().contains("{id}"))
                .map(ApiOperations.Operation::toString).collect(Collectors.toSet());
        Set<String> callersOwn = new HashSet<>(idPaths);
        callersOwn.add("PUT /api/categories/{category}");

        ContractSuites.Report report = ContractSuites.accessMatrix(base, callers, Map.of("id", id),
                BadInputTest.validBodies(Fixtures.unique("theirs")), Set.of(ownersMarker), callersOwn).print();
        assertThat(report.failures()).isEmpty();
        // the owner's question is untouched by all of it
        JsonPath owners = RubricVersioningTest.rubric(team, id, null);
        assertThat(owners.getInt("version")).isEqualTo(1);
        assertThat(owners.getString("referenceAnswer")).contains(ownersMarker);
    }
}
