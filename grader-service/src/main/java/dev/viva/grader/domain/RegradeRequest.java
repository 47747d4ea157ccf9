package dev.viva.grader.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A regrade asked for and not yet done; kept once done, with the evaluation it produced. */
@Entity
@Table(name = "regrade_requests")
public class RegradeRequest {
    @Id
    public UUID id;
    @Column(name = "answer_id", nullable = false)
    public UUID answerId;
    @Column(nullable = false)
    public String team;
    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;
    @Column(nullable = false)
    public int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;
    @Column(name = "done_at")
    public Instant doneAt;
    @Column(name = "evaluation_id")
    public UUID evaluationId;
    @Column(name = "last_error")
    public String lastError;
}
