package dev.viva.question.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.question.domain.RubricVersion;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class RubricVersionRepository implements PanacheRepositoryBase<RubricVersion, RubricVersion.Key> {

    public Optional<RubricVersion> find(String questionId, int version) {
        return findByIdOptional(new RubricVersion.Key(questionId, version));
    }

    public List<RubricVersion> versions(String questionId) {
        return list("questionId", Sort.by("version"), questionId);
    }
}
