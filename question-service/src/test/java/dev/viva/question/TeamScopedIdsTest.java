package dev.viva.question;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Question ids are per team: two teams each keep a question of the same id, each reads, draws, grades against,
 * changes and retires only its own, and nothing another team is told (not even a 409) gives the other's away.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class TeamScopedIdsTest {

    /** A team's question whose prompt, reference answer and key point carry the team's own marker. */
    static Map<String, Object> marked(String id, String marker) {
        Map<String, Object> q = Fixtures.question(id, "rag", "MID", "scoped");
        q.put("prompt", "Explain " + id + " as " + marker + " teaches it.");
        q.put("referenceAnswer", "The reference answer of " + marker + ", which an interviewer would be glad to hear.");
        Fixtures.keyPoint(q, 0).put("text", "Names what " + marker + " calls the first point.");
        return q;
    }

    @Test
    void twoTeamsKeepEachTheirOwnQuestionUnderOneId() {
        String alpha = Fixtures.unique("alpha");
        String beta = Fixtures.unique("beta");
        String id = Fixtures.unique("shared-name");
        String alphaMarker = Fixtures.unique("alpha-secret");
        String betaMarker = Fixtures.unique("beta-secret");
        QuestionApi.create(alpha, marked(id, alphaMarker));
        QuestionApi.create(beta, marked(id, betaMarker));

        for (String[] team : List.of(new String[] { alpha, alphaMarker, betaMarker }, new String[] { beta, betaMarker, alphaMarker })) {
            String own = team[1];
            String foreign = team[2];
            Response question = given().header("Authorization", Fixtures.candidate(team[0])).when().get("/api/questions/" + id);
            assertThat(question.statusCode()).isEqualTo(200);
            assertThat(question.jsonPath().getString("prompt")).contains(own);
            assertThat(question.jsonPath().getBoolean("shared")).isFalse();

            // what grader-service and session-service read, with a service token of the answer's team
            Response rubric = given().header("Authorization", Fixtures.service(team[0]))
                    .when().get("/api/questions/" + id + "/rubric?version=1");
            assertThat(rubric.statusCode()).isEqualTo(200);
            assertThat(rubric.jsonPath().getString("questionId")).isEqualTo(id);
            assertThat(rubric.jsonPath().getString("referenceAnswer")).contains(own);
            assertThat(rubric.jsonPath().getString("keyPoints[0].text")).contains(own);

            Response listed = given().header("Authorization", Fixtures.admin(team[0]))
                    .when().get("/api/questions?q=" + id + "&includeRetired=true");
            assertThat(listed.jsonPath().getList("items.id", String.class)).containsExactly(id);
            Response drawn = given().header("Authorization", Fixtures.service(team[0])).contentType(ContentType.JSON)
                    .body(Map.of("count", 1, "bank", "team", "tags", List.of("scoped")))
                    .when().post("/api/questions/draw");
            assertThat(drawn.jsonPath().getString("questions[0].prompt")).contains(own);
            Response exported = given().header("Authorization", Fixtures.admin(team[0])).accept(ContentType.JSON)
                    .when().get("/api/bank/export");
            assertThat(exported.asString()).contains(own);
            for (Response r : List.of(question, rubric, listed, drawn, exported)) {
                assertThat(r.asString()).doesNotContain(foreign);
            }
        }

        // beta changes its question and then retires it: alpha's stays as it was, active, at version 1
        Map<String, Object> changed = marked(id, betaMarker);
        changed.put("referenceAnswer", "A new reference answer of " + betaMarker + ", longer and better than before.");
        given().header("Authorization", Fixtures.admin(beta)).contentType(ContentType.JSON).body(changed)
                .when().put("/api/questions/" + id).then().statusCode(200).body("version", equalTo(2));
        given().header("Authorization", Fixtures.admin(beta)).when().post("/api/questions/" + id + "/retire")
                .then().statusCode(200).body("status", equalTo("RETIRED"));
        JsonPath alphas = given().header("Authorization", Fixtures.candidate(alpha)).when().get("/api/questions/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(alphas.getString("status")).isEqualTo("ACTIVE");
        assertThat(alphas.getInt("rubricVersion")).isEqualTo(1);
        assertThat(RubricVersioningTest.versions(alpha, id)).hasSize(1);
        assertThat(RubricVersioningTest.versions(beta, id)).hasSize(2);
        given().header("Authorization", Fixtures.service(alpha)).when().get("/api/questions/" + id + "/rubric?version=2")
                .then().statusCode(404);
        // beta's old version stays readable for the grades that refer to it
        assertThat(RubricVersioningTest.rubric(beta, id, 1).getString("referenceAnswer")).contains(betaMarker)
                .doesNotContain("longer and better");
    }

    @Test
    void anIdAnotherTeamUsesIsAnsweredExactlyAsAnUnusedOne() {
        String owner = Fixtures.unique("owner");
        String taken = Fixtures.unique("taken");
        String ownerMarker = Fixtures.unique("owner-secret");
        QuestionApi.create(owner, marked(taken, ownerMarker));
        String fresh = Fixtures.unique("taken");

        // the same sequence by two newcomers: one on the id the owner uses, one on an id nobody uses
        List<String> onTaken = newcomer(Fixtures.unique("newcomer"), taken);
        List<String> onFresh = newcomer(Fixtures.unique("newcomer"), fresh);
        assertThat(onTaken).containsExactlyElementsOf(onFresh.stream().map(a -> a.replace(fresh, taken)).toList());
        assertThat(String.join("\n", onTaken)).doesNotContain(ownerMarker);

        // a shared question's id, which every team sees, is the one id a team cannot take
        String sharedId = given().header("Authorization", Fixtures.candidate(owner)).when().get("/api/questions?bank=shared&size=1")
                .then().statusCode(200).extract().path("items[0].id");
        given().header("Authorization", Fixtures.admin(owner)).contentType(ContentType.JSON)
                .body(Fixtures.question(sharedId, "rag", "MID"))
                .when().post("/api/questions")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Question id '" + sharedId + "' belongs to the shared bank; choose another id"));
    }

    /** What a new team is told, with volatile values (times, seeds) left out, for a create, a second create and an import. */
    private static List<String> newcomer(String team, String id) {
        List<String> answers = new ArrayList<>();
        Response created = given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON)
                .body(Fixtures.question(id, "rag", "MID")).when().post("/api/questions");
        answers.add(created.statusCode() + " " + created.jsonPath().getString("questionId") + " v"
                + created.jsonPath().getInt("version") + " " + created.jsonPath().getString("prompt"));
        Response again = given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON)
                .body(Fixtures.question(id, "rag", "MID")).when().post("/api/questions");
        answers.add(again.statusCode() + " " + again.contentType() + " " + again.jsonPath().getString("detail"));
        Response imported = given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON)
                .body(Map.of("questions", List.of(Fixtures.question(id, "rag", "SENIOR"))))
                .when().post("/api/bank/import");
        answers.add(imported.statusCode() + " " + imported.asString());
        Response read = given().header("Authorization", Fixtures.interviewer(team)).when().get("/api/questions/" + id + "/rubric");
        answers.add(read.statusCode() + " v" + read.jsonPath().getInt("version") + " " + read.jsonPath().getString("difficulty")
                + " " + read.jsonPath().getString("referenceAnswer"));
        return answers;
    }

    @Test
    void teamsCreatingOneIdAtOnceAllSucceedAndOneTeamTwiceGetsOneConflict() throws Exception {
        String id = Fixtures.unique("race");
        List<String> teams = List.of(Fixtures.unique("t"), Fixtures.unique("t"), Fixtures.unique("t"), Fixtures.unique("t"));
        String twice = teams.get(0);
        List<Callable<Integer>> creates = new ArrayList<>();
        for (String team : teams) {
            creates.add(() -> create(team, id));
        }
        creates.add(() -> create(twice, id));
        ExecutorService pool = Executors.newFixedThreadPool(creates.size());
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(creates)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        // four teams, four questions; the team that asked twice gets one of them and a 409
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(4);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(1);
        for (String team : teams) {
            given().header("Authorization", Fixtures.candidate(team)).when().get("/api/questions/" + id)
                    .then().statusCode(200);
        }
    }

    private static int create(String team, String id) {
        return given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON)
                .body(Fixtures.question(id, "rag", "MID")).when().post("/api/questions").statusCode();
    }
}
