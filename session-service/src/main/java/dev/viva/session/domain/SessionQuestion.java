package dev.viva.session.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The question as it was drawn for a session: the prompt and rubric version are frozen here. */
@Embeddable
public class SessionQuestion {

    @Column(name = "position", nullable = false)
    public int position;

    @Column(name = "question_id", nullable = false)
    public String questionId;

    @Column(name = "prompt", nullable = false)
    public String prompt;

    @Column(name = "category", nullable = false)
    public String category;

    @Column(name = "difficulty", nullable = false)
    public String difficulty;

    @Column(name = "rubric_version", nullable = false)
    public int rubricVersion;

    public SessionQuestion() {
    }

    public SessionQuestion(int position, String questionId, String prompt, String category, String difficulty, int rubricVersion) {
        this.position = position;
        this.questionId = questionId;
        this.prompt = prompt;
        this.category = category;
        this.difficulty = difficulty;
        this.rubricVersion = rubricVersion;
    }
}
