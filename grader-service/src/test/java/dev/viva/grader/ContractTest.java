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
    void answerGradedCopyMatchesTheSchemaForGradedAndFailed() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        AnswerGraded graded = new AnswerGraded(1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "team-a", "rag-pipeline-basics", 2, "GRADED", 77, "local", "viva-local-lexical-1",
                List.of(new AnswerGraded.Criterion("accuracy", "Accuracy", 2, 3)),
                List.of(new AnswerGraded.KeyPoint("indexing", "Chunks are indexed.", true, "COVERED")),
                List.of("Claims RAG retrains the model."), false, List.of("Clear"), List.of("Say why"), "Reference.", null, now);
        AnswerGraded failed = new AnswerGraded(1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "team-a", "rag-pipeline-basics", 1, "FAILED", null, "llm", "gpt-4o-mini", List.of(), List.of(), List.of(),
                false, List.of(), List.of(), null, "invalid reply: reply is not JSON", now);
        assertThat(Contracts.violations("answer-graded.v1.schema.json", Answers.json(graded))).isEmpty();
        assertThat(Contracts.violations("answer-graded.v1.schema.json", Answers.json(failed))).isEmpty();
        assertThat(Contracts.violations("answer-graded.v1.schema.json", Answers.json(graded).replace("\"GRADED\"", "\"DONE\"")))
                .isNotEmpty();
    }
}
