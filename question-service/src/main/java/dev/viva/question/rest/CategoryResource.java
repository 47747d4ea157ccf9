package dev.viva.question.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.viva.question.rest.Views.CategoryCount;
import dev.viva.question.service.QuestionService;

@Path("/api/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "questions")
public class CategoryResource {

    private final QuestionService questions;
    private final CurrentCaller caller;

    public CategoryResource(QuestionService questions, CurrentCaller caller) {
        this.questions = questions;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "candidate", "interviewer", "admin", "service" })
    @Operation(summary = "Every category with the number of active questions you can see in it")
    public List<CategoryCount> categories() {
        return questions.categoryCounts(caller.get()).entrySet().stream()
                .map(e -> new CategoryCount(e.getKey(), e.getValue()))
                .toList();
    }
}
