package dev.viva.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.Api;
import dev.viva.grader.support.Bank;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Question ids are unique only within a team's bank: two teams' answers to their own questions of one id,
 * arriving through Kafka one after the other, are each graded against their own team's rubric (the first
 * rubric fetched is not served from the cache to the second team).
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(value = FakeUpstreams.class, initArgs = @ResourceArg(name = "llm", value = "false"))
class TeamScopedRubricTest {

    private static final String TEXT = "Offline, documents are split into chunks, each chunk is embedded and stored in a vector"
            + " database. At query time the question is embedded and the most similar chunks are retrieved and put into"
            + " the prompt as context, so the answer is grounded in them.";

    @Test
    void eachTeamsAnswerIsGradedAgainstItsOwnQuestionOfTheSameId() throws Exception {
        String id = "scoped-" + UUID.randomUUID().toString().substring(0, 8);
        String alpha = Answers.team();
        String beta = Answers.team();
        FakeUpstreams.teamRubric(alpha, ownRubric(id, "alpha"));
        FakeUpstreams.teamRubric(beta, ownRubric(id, "beta"));

        AnswerSubmitted first = Answers.publish(Answers.answer(alpha, id, TEXT));
        JsonPath a = Api.awaitEvaluation(alpha, first.answerId());
        AnswerSubmitted second = Answers.publish(Answers.answer(beta, id, TEXT));
        JsonPath b = Api.awaitEvaluation(beta, second.answerId());

        assertThat(a.getString("latest.status")).isEqualTo("GRADED");
        assertThat(b.getString("latest.status")).isEqualTo("GRADED");
        assertThat(a.getString("latest.questionId")).isEqualTo(id);
        assertThat(b.getString("latest.questionId")).isEqualTo(id);
        assertThat(a.getList("latest.keyPoints.id", String.class)).isNotEmpty().allMatch(k -> k.startsWith("alpha-"));
        assertThat(b.getList("latest.keyPoints.id", String.class)).isNotEmpty().allMatch(k -> k.startsWith("beta-"));
        assertThat(FakeUpstreams.lastRubricTokenClaims(id).path("team").asText()).isEqualTo(beta);
    }

    /** The fixture bank's RAG question as a team's own question {@code id}, its key points named for the team. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> ownRubric(String id, String team) {
        Map<String, Object> rubric = new LinkedHashMap<>(Bank.rubrics().get(Answers.QUESTION));
        rubric.put("questionId", id);
        rubric.put("keyPoints", ((List<Map<String, Object>>) rubric.get("keyPoints")).stream().map(k -> {
            Map<String, Object> copy = new LinkedHashMap<>(k);
            copy.put("id", team + "-" + k.get("id"));
            return copy;
        }).toList());
        return rubric;
    }
}
