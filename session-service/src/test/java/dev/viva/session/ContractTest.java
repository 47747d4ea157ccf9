package dev.viva.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Iterator;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.viva.local.test.VivaInfrastructure;
import dev.viva.session.event.AnswerGraded;
import dev.viva.session.event.AnswerGradedParser;
import dev.viva.session.event.AnswerSubmitted;
import dev.viva.session.event.InvalidEventException;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Our copies of the event records agree with deploy/contracts (serialised with the application's own mapper). */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class ContractTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    AnswerGradedParser parser;

    @Test
    void answerSubmittedConformsToTheContractWithNoExtraFields() throws Exception {
        AnswerSubmitted event = new AnswerSubmitted(1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "team-a",
                "ann", "java-memory-model", 3, "What does volatile guarantee?", "Visibility, not atomicity.", Instant.now());
        JsonNode json = mapper.readTree(mapper.writeValueAsString(event));

        assertThat(Schemas.violations("answer-submitted.v1.schema.json", json)).isEmpty();
        JsonNode schema = mapper.readTree(java.nio.file.Path.of("../deploy/contracts/answer-submitted.v1.schema.json").toFile());
        assertThat(fieldNames(json)).containsExactlyInAnyOrderElementsOf(fieldNames(schema.get("properties")));
        assertThat(json.get("submittedAt").isTextual()).isTrue();
        assertThat(json.get("schemaVersion").intValue()).isEqualTo(1);
    }

    @Test
    void theSchemaCatchesWhatWouldBreakTheGrader() throws Exception {
        AnswerSubmitted event = new AnswerSubmitted(1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "team-a",
                "ann", "Not A Valid Id", 1, "p", "", Instant.now());
        assertThat(Schemas.violations("answer-submitted.v1.schema.json", mapper.readTree(mapper.writeValueAsString(event))))
                .isNotEmpty();
    }

    @Test
    void aConformingAnswerGradedParsesIntoOurRecord() {
        ObjectNode sample = Viva.graded(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "team-a", "java-memory-model", 73);
        assertThat(Schemas.violations("answer-graded.v1.schema.json", sample)).isEmpty();

        AnswerGraded event = parser.parse(sample.toString());
        assertThat(event.score()).isEqualTo(73);
        assertThat(event.status()).isEqualTo("GRADED");
        assertThat(event.criteria()).extracting(AnswerGraded.Criterion::level).containsExactly(2, 3);
        assertThat(event.keyPoints()).extracting(AnswerGraded.KeyPoint::status).containsExactly("COVERED", "PARTIAL", "MISSING");
        assertThat(event.referenceAnswer()).isEqualTo("The secret reference answer text");
        assertThat(event.gradedAt()).isNotNull();

        JsonNode back = mapper.valueToTree(event);
        assertThat(Schemas.violations("answer-graded.v1.schema.json", back)).isEmpty();
    }

    @Test
    void aFailedEvaluationWithoutScoreParses() {
        ObjectNode sample = Viva.graded(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "team-a", "q-1", 0);
        sample.put("status", "FAILED").putNull("score").put("failureReason", "model reply invalid after 3 attempts");
        assertThat(Schemas.violations("answer-graded.v1.schema.json", sample)).isEmpty();
        assertThat(parser.parse(sample.toString()).failureReason()).contains("invalid");
    }

    @Test
    void version2MachineAndReviewGradesConformAndParse() {
        ObjectNode machine = Viva.gradedV2(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "team-a", "q-1", 60, 1);
        ObjectNode review = Viva.reviewed(machine, 85, 2, "ivy");
        assertThat(Schemas.violations("answer-graded.v2.schema.json", machine)).isEmpty();
        assertThat(Schemas.violations("answer-graded.v2.schema.json", review)).isEmpty();

        AnswerGraded m = parser.parse(machine.toString());
        assertThat(m.fromReview()).isFalse();
        assertThat(m.revision()).isEqualTo(1);
        assertThat(m.confidence()).isEqualTo(0.7);
        assertThat(m.followUps()).containsExactly("How do fences relate to volatile?");
        AnswerGraded r = parser.parse(review.toString());
        assertThat(r.fromReview()).isTrue();
        assertThat(r.review().reviewer()).isEqualTo("ivy");
        assertThat(r.review().machineScore()).isEqualTo(60);
        assertThat(r.score()).isEqualTo(85);
        // what we store and read back still conforms
        assertThat(Schemas.violations("answer-graded.v2.schema.json", mapper.valueToTree(r))).isEmpty();

        // version 1 stays readable: no revision, no source
        AnswerGraded v1 = parser.parse(Viva.graded(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "team-a", "q-1", 50).toString());
        assertThat(v1.revision()).isNull();
        assertThat(v1.fromReview()).isFalse();
    }

    @Test
    void version2RecordsThatBreakTheContractAreRejected() {
        ObjectNode machine = Viva.gradedV2(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "team-a", "q-1", 60, 1);
        ObjectNode review = Viva.reviewed(machine, 85, 2, "ivy");
        ObjectNode noRevision = machine.deepCopy();
        noRevision.remove("revision");
        assertThatThrownBy(() -> parser.parse(noRevision.toString())).hasMessageContaining("revision");
        assertThatThrownBy(() -> parser.parse(machine.deepCopy().put("revision", 0).toString())).hasMessageContaining("revision");
        assertThatThrownBy(() -> parser.parse(machine.deepCopy().put("gradeSource", "human").toString())).hasMessageContaining("gradeSource");
        assertThatThrownBy(() -> parser.parse(review.deepCopy().putNull("review").toString())).hasMessageContaining("review");
        assertThatThrownBy(() -> parser.parse(review.deepCopy().put("gradeSource", "machine").toString())).hasMessageContaining("review");
        assertThatThrownBy(() -> parser.parse(machine.deepCopy().put("schemaVersion", 3).toString())).hasMessageContaining("schemaVersion");
        for (ObjectNode bad : java.util.List.of(noRevision, machine.deepCopy().put("gradeSource", "human"),
                review.deepCopy().putNull("review"), review.deepCopy().put("gradeSource", "machine"))) {
            assertThat(Schemas.violations("answer-graded.v2.schema.json", bad)).isNotEmpty();
        }
    }

    @Test
    void recordsThatBreakTheContractAreRejectedWithAReason() {
        ObjectNode sample = Viva.graded(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "team-a", "q-1", 50);
        assertThatThrownBy(() -> parser.parse("{not json")).isInstanceOf(InvalidEventException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> parser.parse(sample.deepCopy().put("schemaVersion", 7).toString()))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("schemaVersion");
        ObjectNode missing = sample.deepCopy();
        missing.remove("answerId");
        assertThatThrownBy(() -> parser.parse(missing.toString())).hasMessageContaining("answerId");
        assertThatThrownBy(() -> parser.parse(sample.deepCopy().put("eventId", "nope").toString())).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> parser.parse(sample.deepCopy().put("status", "MAYBE").toString())).hasMessageContaining("status");
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
