package dev.viva.question.service;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A bank file, an import or an export: {@code category} is the default for questions that name
 * none (a bank file holds one category); {@code criteria} only appears in criteria.yaml.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BankDocument(String category, List<QuestionInput> questions, List<QuestionInput.Criterion> criteria) {
}
