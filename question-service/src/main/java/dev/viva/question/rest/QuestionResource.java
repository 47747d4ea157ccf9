package dev.viva.question.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.viva.question.rest.Views.DrawResponse;
import dev.viva.question.rest.Views.DrawnQuestion;
import dev.viva.question.rest.Views.PageView;
import dev.viva.question.rest.Views.QuestionView;
import dev.viva.question.rest.Views.RubricVersionView;
import dev.viva.question.rest.Views.RubricView;
import dev.viva.question.service.DrawService;
import dev.viva.question.service.QuestionInput;
import dev.viva.question.service.QuestionService;

@Path("/api/questions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "questions", description = "The shared bank and your team's questions, rubrics and draws")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class QuestionResource {

    private final QuestionService questions;
    private final DrawService draws;
    private final CurrentCaller caller;

    public QuestionResource(QuestionService questions, DrawService draws, CurrentCaller caller) {
        this.questions = questions;
        this.draws = draws;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "candidate", "interviewer", "admin", "service" })
    @Operation(summary = "List questions",
            description = "A page of the shared bank and your team's questions, ordered by id, without any rubric field."
                    + " Filters combine; pages count from 0.")
    @APIResponse(responseCode = "200", description = "A page {items, page, size, total}")
    @APIResponse(responseCode = "400", description = "An unknown category, difficulty, status or bank, or a page out of range")
    @APIResponse(responseCode = "403", description = "Retired questions asked for by someone who is not an admin")
    public PageView<QuestionView> list(@QueryParam("category") @Parameter(description = "a shared category or your team's") String category,
            @QueryParam("difficulty") @Parameter(description = "JUNIOR, MID or SENIOR") String difficulty,
            @QueryParam("tag") String tag,
            @QueryParam("q") @Parameter(description = "text in the prompt or id") String text,
            @QueryParam("status") @Parameter(description = "ACTIVE (default) or RETIRED; RETIRED is for admins") String status,
            @QueryParam("includeRetired") @Parameter(description = "admins: list active and retired") boolean includeRetired,
            @QueryParam("bank") @Parameter(description = "team, shared or both (default)") String bank,
            @QueryParam("page") @Parameter(description = "from 0") Integer page,
            @QueryParam("size") @Parameter(description = "1-100, default 20") Integer size) {
        var result = questions.list(caller.get(), category, difficulty, tag, text, status, includeRetired, bank, page, size);
        return new PageView<>(result.items().stream().map(QuestionView::of).toList(), result.page(), result.size(),
                result.total());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ "candidate", "interviewer", "admin", "service" })
    @Operation(summary = "Get a question", description = "The candidate-safe view of one question: never a rubric field.")
    @APIResponse(responseCode = "200", description = "The question")
    @APIResponse(responseCode = "404", description = "No such question visible to your team")
    public QuestionView get(@PathParam("id") String id) {
        return QuestionView.of(questions.get(caller.get(), id));
    }

    @GET
    @Path("{id}/rubric")
    @RolesAllowed({ "interviewer", "admin", "service" })
    @Operation(summary = "Get a rubric version",
            description = "One immutable rubric version (deploy/contracts/rubric.v1.schema.json): the current one without"
                    + " ?version. Retired questions' rubrics stay readable, since grades refer to them.")
    @APIResponse(responseCode = "200", description = "The rubric version")
    @APIResponse(responseCode = "400", description = "version below 1")
    @APIResponse(responseCode = "403", description = "A candidate: rubrics are never shown before the reveal")
    @APIResponse(responseCode = "404", description = "No such question or version")
    public RubricView rubric(@PathParam("id") String id,
            @QueryParam("version") @Parameter(description = "1 or more; default the current version") Integer version) {
        return RubricView.of(questions.rubric(caller.get(), id, version));
    }

    @GET
    @Path("{id}/rubric/versions")
    @RolesAllowed({ "interviewer", "admin" })
    @Operation(summary = "List a question's rubric versions",
            description = "Every rubric version, oldest first, with its hash, author and whether it is the current one.")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(responseCode = "403", description = "Not an interviewer or admin")
    @APIResponse(responseCode = "404", description = "No such question visible to your team")
    public List<RubricVersionView> versions(@PathParam("id") String id) {
        var c = caller.get();
        int current = questions.get(c, id).currentVersion;
        return questions.versions(c, id).stream().map(v -> RubricVersionView.of(v, current)).toList();
    }

    @POST
    @Path("draw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "candidate", "interviewer", "admin", "service" })
    @Operation(summary = "Draw questions for a session",
            description = "count questions from your team's bank, the shared bank or both (bank), optionally only of some"
                    + " categories, one difficulty and questions carrying any of tags; spread round-robin across"
                    + " categories and difficulties, no repeats, and the same seed over the same bank gives the same draw"
                    + " (deploy/contracts/draw.v1.schema.json).")
    @APIResponse(responseCode = "200", description = "The drawn questions and the seed that reproduces the draw")
    @APIResponse(responseCode = "400", description = "count out of 1-50, an unknown category, difficulty or bank, or a bad tag")
    @APIResponse(responseCode = "422", description = "Fewer matching questions than count")
    public DrawResponse draw(DrawService.DrawRequest request) {
        var draw = draws.draw(caller.get(), request);
        return new DrawResponse(draw.seed(), draw.questions().stream().map(DrawnQuestion::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Create a question of your team",
            description = "A question in the bank format of BANK.md, held to a team bank's rules (1 or more key points);"
                    + " it gets rubric version 1. The category is a shared one or one your team defined.")
    @APIResponse(responseCode = "201", description = "Created; Location names it and the body is rubric version 1")
    @APIResponse(responseCode = "400", description = "A field breaks a rule; errors names each one")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "Your team or the shared bank already has the id (ids are per team:"
            + " another team's questions are no obstacle)")
    public Response create(QuestionInput input, UriInfo uri) {
        var created = questions.create(caller.get(), input);
        URI location = uri.getBaseUriBuilder().path("api/questions/{id}").build(created.question().id);
        return Response.created(location).entity(RubricView.of(created)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Replace a question of your team",
            description = "A changed rubric becomes the next version; an unchanged one makes none (tags alone make none).")
    @APIResponse(responseCode = "200", description = "The current rubric version")
    @APIResponse(responseCode = "400", description = "A field breaks a rule, or the body's id differs from the path's")
    @APIResponse(responseCode = "403", description = "A shared question (edited in the bank files), or not an admin")
    @APIResponse(responseCode = "404", description = "No such question visible to your team")
    public RubricView update(@PathParam("id") String id, QuestionInput input) {
        return RubricView.of(questions.update(caller.get(), id, input));
    }

    @POST
    @Path("{id}/retire")
    @RolesAllowed("admin")
    @Operation(summary = "Retire a question",
            description = "No longer listed or drawn; its rubric versions stay readable. Idempotent. Only a deployment"
                    + " operator (roles admin and operator) may retire a shared question, which is how a question removed"
                    + " from the bank files leaves the draws.")
    @APIResponse(responseCode = "200", description = "The retired question")
    @APIResponse(responseCode = "403", description = "Not an admin, or a shared question and not an operator")
    @APIResponse(responseCode = "404", description = "No such question visible to your team")
    public QuestionView retire(@PathParam("id") String id) {
        return QuestionView.of(questions.retire(caller.get(), id));
    }
}
