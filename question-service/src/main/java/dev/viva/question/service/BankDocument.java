package dev.viva.question.service;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A bank file, an import or an export: {@code category} is the default for questions that name
 * none (a bank file holds one category); {@code categories} are a team's own categories, defined on
 * import and listed on export; {@code criteria} are the default criteria of the document's questions
 * (criteria.yaml's for the shipped bank; an import's own for the questions it imports).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "category", "categories", "questions", "criteria" })
public record BankDocument(String category, List<String> categories, List<QuestionInput> questions,
        List<QuestionInput.Criterion> criteria) {
}
