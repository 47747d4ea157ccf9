package dev.viva.session.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A team's reveal policy and quotas, as its admin set them. */
@Entity
@Table(name = "team_settings")
public class TeamSettings {

    @Id
    public String team;

    @Convert(converter = RevealPolicyConverter.class)
    @Column(name = "reveal_policy", nullable = false)
    public RevealPolicy revealPolicy;

    @Column(name = "sessions_per_day", nullable = false)
    public int sessionsPerDay;

    @Column(name = "answers_per_question", nullable = false)
    public int answersPerQuestion;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Version
    public long version;
}
