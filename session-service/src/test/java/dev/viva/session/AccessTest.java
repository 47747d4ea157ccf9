package dev.viva.session;

import static dev.viva.session.Viva.admin;
import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.interviewer;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.submit;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.viva.local.DevTokens;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class AccessTest {

    @Test
    void withoutAValidTokenEveryApiCallIs401Problem() {
        given().when().get("/api/sessions").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"questionCount\":1}").when().post("/api/sessions").then().statusCode(401);
        given().auth().oauth2("not.a.token").when().get("/api/sessions").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theWrongRoleIs403Problem() {
        String team = unique("team");
        given().auth().oauth2(DevTokens.mint(unique("svc"), team, "service")).contentType(ContentType.JSON).body("{\"questionCount\":1}")
                .when().post("/api/sessions").then().statusCode(403).contentType("application/problem+json");
        // an interviewer starts sessions only for a named candidate (an assignment)
        given().auth().oauth2(interviewer(unique("ivy"), team)).contentType(ContentType.JSON).body("{\"questionCount\":1}")
                .when().post("/api/sessions").then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.mint(unique("svc"), team, "service")).when().get("/api/sessions").then().statusCode(403);
    }

    @Test
    void candidatesSeeOnlyTheirOwnSessionsAndNobodyCrossesTeams() {
        String team = unique("team");
        String ann = candidate(unique("ann"), team);
        String bob = candidate(unique("bob"), team);
        String ivy = interviewer(unique("ivy"), team);
        String ada = admin(unique("ada"), team);
        String stranger = interviewer(unique("sam"), unique("other-team"));
        String strangerAdmin = admin(unique("sal"), unique("other-team"));
        Map<String, Object> session = newSession(ann, 1);
        Object id = session.get("id");
        String q = questionId(session, 0);

        given().auth().oauth2(ann).when().get("/api/sessions/{id}", id).then().statusCode(200);
        given().auth().oauth2(bob).when().get("/api/sessions/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(ivy).when().get("/api/sessions/{id}", id).then().statusCode(200);
        given().auth().oauth2(ada).when().get("/api/sessions/{id}", id).then().statusCode(200);
        given().auth().oauth2(stranger).when().get("/api/sessions/{id}", id).then().statusCode(404);
        given().auth().oauth2(strangerAdmin).when().get("/api/sessions/{id}/report", id).then().statusCode(404);
        given().auth().oauth2(candidate(extractSubject(ann), unique("other-team"))).when().get("/api/sessions/{id}", id).then().statusCode(404);

        given().auth().oauth2(bob).when().get("/api/sessions/{id}/report", id).then().statusCode(404);
        given().auth().oauth2(ivy).when().get("/api/sessions/{id}/report", id).then().statusCode(200);

        submit(bob, id, q, "Answering someone else's session").statusCode(404);
        submit(ivy, id, q, "Interviewers do not answer").statusCode(403);
        submit(ann, id, q, "My own answer").statusCode(202);

        given().auth().oauth2(bob).when().post("/api/sessions/{id}/complete", id).then().statusCode(404);
        given().auth().oauth2(ivy).when().post("/api/sessions/{id}/complete", id).then().statusCode(403);
        given().auth().oauth2(strangerAdmin).when().post("/api/sessions/{id}/complete", id).then().statusCode(404);
        given().auth().oauth2(ada).when().post("/api/sessions/{id}/complete", id).then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    private static String extractSubject(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }
}
