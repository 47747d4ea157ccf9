package dev.viva.grader.domain;

import java.math.BigDecimal;
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

/** One grading of one answer, with everything needed to audit and reproduce it. JSON columns hold JSON text. */
@Entity
@Table(name = "evaluations")
public class Evaluation {
    @Id
    public UUID id;
    @Column(name = "answer_id")
    public UUID answerId;
    @Column(name = "session_id")
    public UUID sessionId;
    public String team;
    @Column(name = "question_id")
    public String questionId;
    @Column(name = "rubric_version")
    public int rubricVersion;
    @Enumerated(EnumType.STRING)
    public EvaluationStatus status;
    public Integer score;
    public String grader;
    public String model;
    @Column(name = "prompt_version")
    public String promptVersion;
    @JdbcTypeCode(SqlTypes.JSON)
    public String sampling;
    @Column(name = "raw_reply")
    public String rawReply;
    public String reasoning;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "key_points")
    public String keyPoints;
    @JdbcTypeCode(SqlTypes.JSON)
    public String criteria;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "red_flags")
    public String redFlags;
    @Column(name = "injection_suspected")
    public boolean injectionSuspected;
    @Column(name = "injection_evidence")
    public String injectionEvidence;
    @JdbcTypeCode(SqlTypes.JSON)
    public String strengths;
    @JdbcTypeCode(SqlTypes.JSON)
    public String improvements;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "prompt_tokens")
    public int promptTokens;
    @Column(name = "completion_tokens")
    public int completionTokens;
    @Column(name = "total_tokens")
    public int totalTokens;
    @Column(name = "cost_usd", precision = 14, scale = 8)
    public BigDecimal costUsd;
    @Column(name = "latency_ms")
    public long latencyMs;
    public int attempts;
    /** The grader's certainty in its verdicts, 0 to 1; null when the grader gives none. */
    public Double confidence;
    /** How far the samples agreed when the LLM graded the answer several times (SampleAgreement); null when graded once. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String samples;
    /** A second grader's grading of the answer (SecondOpinion), beside this one; null when no second grader ran. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "second_opinion")
    public String secondOpinion;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "regrade_of")
    public UUID regradeOf;
    @Column(name = "superseded_by")
    public UUID supersededBy;
    /** The answer's grade revision this evaluation was published with (null for evaluations stored before revisions). */
    public Integer revision;
}
