package dev.viva.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.Api;
import dev.viva.grader.support.FakeUpstreams;
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
 * Every operation × role × team: a team's evaluation is reached by nobody of another team (nor of a team
 * written with quotes), in any role, and no candidate reads evaluations at all. The same test runs in all
 * three services.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class AccessMatrixTest {

    @Test
    void noCallerOfAnotherTeamReachesATeamsEvaluation() {
        String team = Answers.team();
        String other = Answers.team();
        AnswerSubmitted answer = Answers.publish(Answers.answer(team, Answers.QUESTION, "Chunks are embedded into an index."));
        String evaluationId = Api.awaitEvaluation(team, answer.answerId()).getString("latest.id");
        String answerId = answer.answerId().toString();

        List<Caller> callers = List.of(
                new Caller("the candidate who answered", DevTokens.mint(answer.candidate(), team, "candidate"), List.of("candidate"), false),
                new Caller("a candidate of another team", DevTokens.mint("cora", other, "candidate"), List.of("candidate"), false),
                new Caller("an interviewer of another team", DevTokens.mint("ivy", other, "interviewer"), List.of("interviewer"), false),
                new Caller("an admin of another team", DevTokens.mint("ada", other, "admin"), List.of("admin"), false),
                new Caller("a service of another team", DevTokens.mint("svc", other, "service"), List.of("service"), false),
                new Caller("an admin of the quoted team", MalformedTokens.quotedTeam("mallory", team, "admin"), List.of("admin"), false),
                new Caller("an interviewer of the team", DevTokens.mint("ian", team, "interviewer"), List.of("interviewer"), true));
        Map<String, String> bodies = Map.of("POST /api/evaluations/regrade", "{\"answerIds\":[\"" + answerId + "\"]}");

        ContractSuites.Report report = ContractSuites.accessMatrix("http://localhost:" + RestAssured.port, callers,
                Map.of("answerId", answerId), bodies, Set.of(answerId, evaluationId)).print();
        assertThat(report.failures()).isEmpty();
    }
}
