package dev.viva.question.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.viva.question.rest.Views.TagCount;
import dev.viva.question.service.QuestionService;

@Path("/api/tags")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "categories")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class TagResource {

    private final QuestionService questions;
    private final CurrentCaller caller;

    public TagResource(QuestionService questions, CurrentCaller caller) {
        this.questions = questions;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "candidate", "interviewer", "admin", "service" })
    @Operation(summary = "List tags",
            description = "Every tag on the active questions you can see, shared and your team's, with how many questions"
                    + " carry it in all and in your team's own bank. Draws and lists filter by these.")
    @APIResponse(responseCode = "200", description = "The tags, alphabetically")
    public List<TagCount> list() {
        return questions.tags(caller.get()).stream().map(r -> new TagCount((String) r[0], ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue())).toList();
    }
}
