package dev.viva.session.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.viva.session.domain.Answer;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class AnswerRepository implements PanacheRepositoryBase<Answer, UUID> {

    public Optional<Answer> findByIdempotencyKey(UUID sessionId, String candidate, String key) {
        return find("sessionId = ?1 and candidate = ?2 and idempotencyKey = ?3", sessionId, candidate, key)
                .firstResultOptional();
    }

    public List<Answer> currentAnswers(UUID sessionId) {
        return list("sessionId = ?1 and current = true", sessionId);
    }

    /** The current answers of many sessions at once. */
    public List<Answer> currentAnswers(List<UUID> sessionIds) {
        return sessionIds.isEmpty() ? List.of() : list("sessionId in ?1 and current = true", sessionIds);
    }

    public List<Answer> allAnswers(UUID sessionId) {
        return list("sessionId", Sort.ascending("submittedAt"), sessionId);
    }

    public Optional<Answer> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
