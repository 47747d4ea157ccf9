package dev.viva.question.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.question.domain.Question;
import dev.viva.question.domain.RubricVersion;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class RubricVersionRepository implements PanacheRepositoryBase<RubricVersion, RubricVersion.Key> {

    public Optional<RubricVersion> find(Question question, int version) {
        return findByIdOptional(new RubricVersion.Key(question.key, version));
    }

    public List<RubricVersion> versions(Question question) {
        return list("questionKey", Sort.by("version"), question.key);
    }
}
