package dev.viva.grader.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An interviewer's review of one machine evaluation: who, when, the verdicts that stand, what changed,
 * a comment for the candidate and a reason for the team. The evaluation itself is never modified.
 */
@Entity
@Table(name = "reviews")
public class Review {
    @Id
    public UUID id;
    @Column(name = "answer_id")
    public UUID answerId;
    @Column(name = "evaluation_id")
    public UUID evaluationId;
    @Column(name = "session_id")
    public UUID sessionId;
    public String team;
    @Column(name = "question_id")
    public String questionId;
    @Column(name = "rubric_version")
    public int rubricVersion;
    public String reviewer;
    @Enumerated(EnumType.STRING)
    public ReviewAction action;
    public int score;
    @Column(name = "machine_score")
    public Integer machineScore;
    /** JSON array of {@link ReviewedGrade.KeyPoint}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "key_points")
    public String keyPoints;
    /** JSON array of {@link ReviewedGrade.Criterion}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String criteria;
    /** JSON array of {@link ScoredEvaluation.RedFlagHit}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "red_flags")
    public String redFlags;
    /** JSON array of {@link ReviewedGrade.Change}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String changes;
    public String comment;
    public String reason;
    public int revision;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
