package dev.viva.grader.llm;

import java.util.UUID;

import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.GraderKind;
import dev.viva.grader.domain.Rubric;

/** Grades one answer against one rubric. Two implementations: the LLM and the local grader. */
public interface Grader {

    GraderKind kind();

    String model();

    String promptVersion();

    /** @param answerText the sanitized answer; never null */
    GradeAttempt grade(Rubric rubric, UUID answerId, String answerText);
}
