package dev.viva.session;

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
 * Every operation × role × owner × team: a session of one candidate is reached by nobody else but its team's
 * interviewers and admins; another candidate, another team and a team written with quotes get nothing of it.
 * The same test runs in all three services.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class AccessMatrixTest {

    @Test
    void noCallerReachesAnotherCandidatesOrAnotherTeamsSession() {
        String team = Viva.unique("acme");
        String other = Viva.unique("globex");
        String owner = Viva.unique("ann");
        Map<String, Object> session = Viva.newSession(Viva.candidate(owner, team), 1);
        String id = session.get("id").toString();
        String questionId = Viva.questionId(session, 0);
        Viva.answer(Viva.candidate(owner, team), id, questionId, "The owner's answer.");

        List<Caller> callers = List.of(
                new Caller("another candidate of the team", DevTokens.mint(Viva.unique("bob"), team, "candidate"), List.of("candidate"), false),
                new Caller("a candidate of another team", DevTokens.mint(owner, other, "candidate"), List.of("candidate"), false),
                new Caller("an interviewer of another team", DevTokens.mint(Viva.unique("ivy"), other, "interviewer"), List.of("interviewer"), false),
                new Caller("an admin of another team", DevTokens.mint(Viva.unique("ada"), other, "admin"), List.of("admin"), false),
                new Caller("an admin of the quoted team", MalformedTokens.quotedTeam("mallory", team, "admin"), List.of("admin"), false),
                new Caller("a service of another team", DevTokens.mint("svc", other, "service"), List.of("service"), false),
                new Caller("an interviewer of the team", DevTokens.mint(Viva.unique("ian"), team, "interviewer"), List.of("interviewer"), true),
                new Caller("the owner", DevTokens.mint(owner, team, "candidate"), List.of("candidate"), true));
        Map<String, String> bodies = Map.of(
                "POST /api/sessions", "{\"questionCount\":1}",
                "POST /api/sessions/{id}/answers", "{\"questionId\":\"" + questionId + "\",\"text\":\"Someone else's answer.\"}",
                "PUT /api/team/settings", "{\"revealPolicy\":\"practice\",\"sessionsPerDay\":20,\"answersPerQuestion\":5}");

        ContractSuites.Report report = ContractSuites.accessMatrix("http://localhost:" + RestAssured.port, callers,
                Map.of("id", id), bodies, Set.of(id),
                // a candidate's analytics are read within the caller's own team: another team sees its own (none)
                Set.of("GET /api/analytics/candidates/{candidate}")).print();
        assertThat(report.failures()).isEmpty();
    }
}
