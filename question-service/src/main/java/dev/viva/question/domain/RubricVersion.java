package dev.viva.question.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One immutable version of a question's rubric; grades refer to it by (question id, version) within their team,
 * and it is stored under the question's internal key.
 */
@Entity
@Immutable
@IdClass(RubricVersion.Key.class)
@Table(name = "rubric_versions")
public class RubricVersion {

    @Id
    @Column(name = "question_key")
    public Long questionKey;

    @Id
    public int version;

    /** The {@link Rubric} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String content;

    /** SHA-256 of the rubric's canonical JSON, to tell a changed rubric from an unchanged one. */
    @Column(nullable = false, length = 64)
    public String hash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 200)
    public String createdBy;

    public static class Key implements Serializable {
        public Long questionKey;
        public int version;

        public Key() {
        }

        public Key(Long questionKey, int version) {
            this.questionKey = questionKey;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.questionKey, questionKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(questionKey, version);
        }
    }
}
