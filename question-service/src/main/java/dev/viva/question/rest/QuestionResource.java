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
@Tag(name = "questions")
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
    @Operation(summary = "List the shared bank and your team's questions (no rubric fields)")
    public PageView<QuestionView> list(@QueryParam("category") String category,
            @QueryParam("difficulty") @Parameter(description = "JUNIOR, MID or SENIOR") String difficulty,
            @QueryParam("tag") String tag,
            @QueryParam("q") @Parameter(description = "text in the prompt or id") String text,
            @QueryParam("status") @Parameter(description = "ACTIVE (default) or RETIRED; RETIRED is for admins") String status,
            @QueryParam("includeRetired") @Parameter(description = "admins: list active and retired") boolean includeRetired,
            @QueryParam("page") @Parameter(description = "from 0") Integer page,
            @QueryParam("size") Integer size) {
        var result = questions.list(caller.get(), category, difficulty, tag, text, status, includeRetired, page, size);
        return new PageView<>(result.items().stream().map(QuestionView::of).toList(), result.page(), result.size(),
                result.total());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ "candidate", "interviewer", "admin", "service" })
    @Operation(summary = "One question (no rubric fields)")
    @APIResponse(responseCode = "404", description = "No such question visible to your team")
    public QuestionView get(@PathParam("id") String id) {
        return QuestionView.of(questions.get(caller.get(), id));
    }

    @GET
    @Path("{id}/rubric")
    @RolesAllowed({ "interviewer", "admin", "service" })
    @Operation(summary = "A rubric version (the current one without ?version); versions never change")
    @APIResponse(responseCode = "404", description = "No such question or version")
    public RubricView rubric(@PathParam("id") String id, @QueryParam("version") Integer version) {
        return RubricView.of(questions.rubric(caller.get(), id, version));
    }

    @GET
    @Path("{id}/rubric/versions")
    @RolesAllowed({ "interviewer", "admin" })
    @Operation(summary = "Every rubric version of a question, oldest first")
    public List<RubricVersionView> versions(@PathParam("id") String id) {
        var c = caller.get();
        int current = questions.get(c, id).currentVersion;
        return questions.versions(c, id).stream().map(v -> RubricVersionView.of(v, current)).toList();
    }

    @POST
    @Path("draw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "candidate", "interviewer", "admin", "service" })
    @Operation(summary = "Draw questions for a session: balanced across categories, no repeats, reproducible by seed")
    @APIResponse(responseCode = "422", description = "Fewer matching questions than count")
    public DrawResponse draw(DrawService.DrawRequest request) {
        var draw = draws.draw(caller.get(), request);
        return new DrawResponse(draw.seed(), draw.questions().stream().map(DrawnQuestion::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Create a question of your team (rubric version 1)")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "The id is taken")
    public Response create(QuestionInput input, UriInfo uri) {
        var created = questions.create(caller.get(), input);
        URI location = uri.getBaseUriBuilder().path("api/questions/{id}").build(created.question().id);
        return Response.created(location).entity(RubricView.of(created)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Replace a question of your team; a changed rubric becomes a new version")
    public RubricView update(@PathParam("id") String id, QuestionInput input) {
        return RubricView.of(questions.update(caller.get(), id, input));
    }

    @POST
    @Path("{id}/retire")
    @RolesAllowed("admin")
    @Operation(summary = "Retire a question: no longer listed or drawn; its rubric versions stay readable")
    public QuestionView retire(@PathParam("id") String id) {
        return QuestionView.of(questions.retire(caller.get(), id));
    }
}
