package dev.viva.session.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.BatchSize;

@Entity
@Table(name = "sessions")
public class InterviewSession {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String team;

    @Column(nullable = false)
    public String candidate;

    @Column(nullable = false)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SessionStatus status;

    @Column(name = "time_limit_minutes")
    public Integer timeLimitMinutes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** The interviewer or admin who assigned the session to the candidate; null when the candidate started it. */
    @Column(name = "assigned_by")
    public String assignedBy;

    @Version
    public long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 50)
    @CollectionTable(name = "session_questions", joinColumns = @JoinColumn(name = "session_id"))
    @OrderBy("position")
    public List<SessionQuestion> questions = new ArrayList<>();

    /** The status as of {@code now}: an open session past its time limit is EXPIRED even before the sweep. */
    public SessionStatus statusAt(Instant now) {
        if (status == SessionStatus.OPEN && expiresAt != null && !now.isBefore(expiresAt)) {
            return SessionStatus.EXPIRED;
        }
        return status;
    }

    public Optional<SessionQuestion> question(String questionId) {
        return questions.stream().filter(q -> q.questionId.equals(questionId)).findFirst();
    }
}
