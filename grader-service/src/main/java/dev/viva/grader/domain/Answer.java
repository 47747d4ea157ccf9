package dev.viva.grader.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An answer as consumed, kept so that it can be re-graded. */
@Entity
@Table(name = "answers")
public class Answer {
    @Id
    @Column(name = "answer_id")
    public UUID answerId;
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "session_id")
    public UUID sessionId;
    public String team;
    public String candidate;
    @Column(name = "question_id")
    public String questionId;
    @Column(name = "rubric_version")
    public int rubricVersion;
    public String prompt;
    @Column(name = "answer_text")
    public String answerText;
    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;
    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
    @Column(name = "claim_until")
    public OffsetDateTime claimUntil;
    @Column(name = "claim_token")
    public UUID claimToken;
}
