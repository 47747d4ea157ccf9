package dev.viva.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.grader.event.AnswerGraded;
import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.event.AnswerSubmittedParser;
import dev.viva.grader.event.PoisonRecordException;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.Contracts;

/** Our copies of the events agree with deploy/contracts/*.schema.json. */
class ContractTest {

    @Test
    void answerSubmittedCopyMatchesTheSchemaAndParses() {
        AnswerSubmitted a = Answers.answer("team-a", "rag-pipeline-basics", "An answer.");
        String json = Answers.json(a);
        assertThat(Contracts.violations("answer-submitted.v1.schema.json", json)).isEmpty();
        assertThat(new AnswerSubmittedParser(new ObjectMapper()).parse(json)).isEqualTo(a);
    }

    @Test
    void parserRejectsWhatTheSchemaRejects() {
        AnswerSubmittedParser parser = new AnswerSubmittedParser(new ObjectMapper());
        String good = Answers.json(Answers.answer("team-a", "rag-pipeline-basics", "An answer."));
        for (String bad : List.of(good.replace("\"rubricVersion\":1", "\"rubricVersion\":0"),
                good.replace("\"questionId\":\"rag-pipeline-basics\"", "\"questionId\":\"Bad Id\""),
                good.replace("\"answerText\":\"An answer.\"", "\"answerText\":\"\""))) {
            assertThat(Contracts.violations("answer-submitted.v1.schema.json", bad)).isNotEmpty();
            assertThatThrownBy(() -> parser.parse(bad)).isInstanceOf(PoisonRecordException.class);
        }
    }

    @Test
    void answerGradedCopyMatchesTheV2SchemaForGradedFailedAndReviewed() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        AnswerGraded graded = new AnswerGraded(2, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "team-a", "rag-pipeline-basics", 2, "GRADED", 77, "local", "viva-local-lexical-1",
                List.of(new AnswerGraded.Criterion("accuracy", "Accuracy", 2, 3)),
                List.of(new AnswerGraded.KeyPoint("indexing", "Chunks are indexed.", true, "COVERED")),
                List.of("Claims RAG retrains the model."), false, List.of("Clear"), List.of("Say why"), "Reference.", null, now,
                "machine", null, 1, 0.8, List.of("How would you chunk?"));
        AnswerGraded failed = new AnswerGraded(2, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "team-a", "rag-pipeline-basics", 1, "FAILED", null, "llm", "gpt-4o-mini", List.of(), List.of(), List.of(),
                false, List.of(), List.of(), null, "invalid reply: reply is not JSON", now, "machine", null, 1, null, List.of());
        AnswerGraded reviewed = new AnswerGraded(2, UUID.randomUUID(), graded.evaluationId(), graded.answerId(), graded.sessionId(),
                "team-a", "rag-pipeline-basics", 2, "GRADED", 90, "local", "viva-local-lexical-1", graded.criteria(),
                graded.keyPoints(), List.of(), false, List.of(), List.of(), "Reference.", null, now, "review",
                new AnswerGraded.ReviewNote(UUID.randomUUID(), "ivy", now, "OVERRIDE", 77, "Well argued", "missed a paraphrase"),
                2, null, List.of("How would you chunk?"));
        for (AnswerGraded e : List.of(graded, failed, reviewed)) {
            assertThat(Contracts.violations("answer-graded.v2.schema.json", Answers.json(e))).as(e.status() + " " + e.gradeSource()).isEmpty();
        }
        String json = Answers.json(graded);
        assertThat(Contracts.violations("answer-graded.v2.schema.json", json.replace("\"GRADED\"", "\"DONE\""))).isNotEmpty();
        assertThat(Contracts.violations("answer-graded.v2.schema.json", json.replace("\"revision\":1", "\"revision\":0"))).isNotEmpty();
        // a review event must say who reviewed; a machine event must not carry one
        assertThat(Contracts.violations("answer-graded.v2.schema.json", json.replace("\"gradeSource\":\"machine\"", "\"gradeSource\":\"review\""))).isNotEmpty();
        assertThat(Contracts.violations("answer-graded.v2.schema.json", Answers.json(reviewed).replace("\"gradeSource\":\"review\"", "\"gradeSource\":\"machine\""))).isNotEmpty();
        // a version 1 record is checked against its own schema, never taken for a version 2 one
        assertThat(Contracts.violations("answer-graded.v2.schema.json", json.replace("\"schemaVersion\":2", "\"schemaVersion\":1"))).isNotEmpty();
    }
}
