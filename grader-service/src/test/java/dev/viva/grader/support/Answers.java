package dev.viva.grader.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.viva.grader.event.AnswerSubmitted;

/** AnswerSubmitted events with fresh ids, as session-service publishes them. */
public final class Answers {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    public static final String QUESTION = "test-rag-basics";

    private Answers() {
    }

    public static AnswerSubmitted answer(String team, String questionId, String text) {
        return new AnswerSubmitted(1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), team, "cand-" + team,
                questionId, 1, "Describe how a RAG system answers a question.", text,
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0));
    }

    public static String json(Object event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AnswerSubmitted publish(AnswerSubmitted e) {
        TestKafka.send("answers.submitted", e.sessionId().toString(), json(e));
        return e;
    }

    public static String team() {
        return "team-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
