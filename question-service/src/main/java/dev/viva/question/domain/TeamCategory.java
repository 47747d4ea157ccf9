package dev.viva.question.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A category one team defined for its own questions; the shared categories come from configuration. */
@Entity
@IdClass(TeamCategory.Key.class)
@Table(name = "team_categories")
public class TeamCategory {

    @Id
    @Column(length = 100)
    public String team;

    @Id
    @Column(length = 40)
    public String category;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 200)
    public String createdBy;

    public static class Key implements Serializable {
        public String team;
        public String category;

        public Key() {
        }

        public Key(String team, String category) {
            this.team = team;
            this.category = category;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.team, team) && Objects.equals(k.category, category);
        }

        @Override
        public int hashCode() {
            return Objects.hash(team, category);
        }
    }
}
