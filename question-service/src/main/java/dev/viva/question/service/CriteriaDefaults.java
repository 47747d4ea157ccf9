package dev.viva.question.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.question.domain.Rubric;

/** The criteria from criteria.yaml that every rubric gets unless its question brings its own. */
@ApplicationScoped
public class CriteriaDefaults {

    private final BankReader reader;
    private final QuestionValidator validator;
    private volatile List<Rubric.Criterion> criteria;

    public CriteriaDefaults(BankReader reader, QuestionValidator validator) {
        this.reader = reader;
        this.validator = validator;
    }

    public List<Rubric.Criterion> criteria() {
        List<Rubric.Criterion> loaded = criteria;
        if (loaded == null) {
            List<FieldError> errors = new ArrayList<>();
            loaded = validator.criteria(errors, "criteria", reader.criteria().criteria());
            if (!errors.isEmpty()) {
                throw new IllegalStateException("criteria.yaml is invalid: " + errors);
            }
            criteria = loaded = List.copyOf(loaded);
        }
        return loaded;
    }
}
