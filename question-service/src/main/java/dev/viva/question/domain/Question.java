package dev.viva.question.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.BatchSize;

/**
 * A question of the shared bank ({@code team} null) or of one team's own bank. Its {@code id} is unique within
 * its bank, not across teams, so it is always read together with a team; the internal {@code key} is what
 * tags and rubric versions refer to and is never shown.
 */
@Entity
@Table(name = "questions")
public class Question {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "question_key")
    public Long key;

    @Column(nullable = false, length = 80)
    public String id;

    @Column(length = 100)
    public String team;

    @Column(nullable = false, length = 40)
    public String category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Difficulty difficulty;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "question_tags", joinColumns = @JoinColumn(name = "question_key"))
    @OrderColumn(name = "position")
    @Column(name = "tag", nullable = false, length = 60)
    @BatchSize(size = 100)
    public List<String> tags = new ArrayList<>();

    @Column(nullable = false, columnDefinition = "text")
    public String prompt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public QuestionStatus status;

    @Column(name = "current_version", nullable = false)
    public int currentVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean shared() {
        return team == null;
    }
}
