package dev.viva.session.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.viva.session.event.AnswerGraded;

/** A candidate's answer; kept when superseded, with the summary of its latest evaluation. */
@Entity
@Table(name = "answers")
public class Answer {

    @Id
    public UUID id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "question_id", nullable = false)
    public String questionId;

    @Column(nullable = false)
    public String candidate;

    @Column(nullable = false)
    public String team;

    @Column(nullable = false)
    public String text;

    /** PENDING, GRADED or FAILED: the grading state, kept also once superseded. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AnswerStatus status;

    @Column(name = "is_current", nullable = false)
    public boolean current;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "superseded_at")
    public Instant supersededAt;

    @Column(name = "evaluation_id")
    public UUID evaluationId;

    public Integer score;

    /** JSON of {@link dev.viva.session.event.AnswerGraded} as received: the report reads it. */
    public String evaluation;

    @Column(name = "graded_at")
    public Instant gradedAt;

    /** {@code machine} or {@code review}: whether an interviewer's review is the grade of record. */
    @Column(name = "grade_source", nullable = false)
    public String gradeSource = AnswerGraded.SOURCE_MACHINE;

    /** The grader's per-answer revision of the applied grade; null when it came as a version 1 event. */
    @Column(name = "grade_revision")
    public Integer gradeRevision;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public boolean reviewed() {
        return AnswerGraded.SOURCE_REVIEW.equals(gradeSource);
    }

    /** The status a reader sees. */
    public AnswerStatus visibleStatus() {
        return current ? status : AnswerStatus.SUPERSEDED;
    }
}
