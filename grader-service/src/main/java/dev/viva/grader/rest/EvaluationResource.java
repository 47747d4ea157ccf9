package dev.viva.grader.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.viva.grader.service.EvaluationQueryService;
import dev.viva.grader.service.RegradePlan;
import dev.viva.grader.service.RegradeService;

@Path("/api/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evaluations", description = "Every grade with its audit trail, and regrades")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class EvaluationResource {

    private final EvaluationQueryService queries;
    private final RegradeService regrades;
    private final EvaluationViews views;
    private final CurrentCaller caller;

    public EvaluationResource(EvaluationQueryService queries, EvaluationViews views, RegradeService regrades, CurrentCaller caller) {
        this.queries = queries;
        this.views = views;
        this.regrades = regrades;
        this.caller = caller;
    }

    /** The answer's current evaluation and all earlier ones, newest first. */
    @GET
    @Path("/{answerId}")
    @RolesAllowed({"interviewer", "admin"})
    @Operation(summary = "Get an answer's evaluations",
            description = "The current evaluation of an answer of your team and every earlier one, newest first: score,"
                    + " key point verdicts with the quoted evidence, criteria levels, red flags, the grader's reasoning,"
                    + " model, prompt and rubric version, sampling, token usage, cost and latency.")
    @APIResponse(responseCode = "200", description = "The evaluations")
    @APIResponse(responseCode = "403", description = "Not an interviewer or admin")
    @APIResponse(responseCode = "404", description = "No evaluation of that answer in your team")
    public EvaluationHistory get(@PathParam("answerId") UUID answerId) {
        return views.history(answerId, queries.history(caller.team(), answerId))
                .orElseThrow(() -> new NotFoundException("No evaluation for answer " + answerId + " in your team"));
    }

    /** Re-grades the team's answers to a question, or the listed answers; 202 with the answers queued. */
    @POST
    @Path("/regrade")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Regrade answers",
            description = "Grades again the team's answers to one question (questionId) or the listed answers (answerIds)"
                    + " with the current grader, through durable requests graded under each answer's lease; the earlier"
                    + " evaluations are kept and linked. Within the team's regrade allowance: 429 beyond it.")
    @APIResponse(responseCode = "202", description = "Queued: how many answers and which")
    @APIResponse(responseCode = "422", description = "Neither or both of questionId and answerIds, or too many answers")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "429", description = "The team's regrade allowance is used up")
    public Response regrade(@Valid @NotNull(message = "is required") RegradeRequest request) {
        checkOneOf(request);
        List<UUID> queued = regrades.regrade(caller.team(), caller.subject(), request.questionId(),
                request.answerIds());
        return Response.accepted(new RegradeAccepted(queued.size(), queued)).build();
    }

    /** What the same regrade would do, before it runs: how many answers, their cost, the team's allowance left. */
    @POST
    @Path("/regrade/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "How many answers a regrade would re-grade and what it would cost; nothing is queued",
            description = "Takes the same body as the regrade; answers how many answers it would re-grade, their tokens and cost taken from each current evaluation, and the team's allowance left.")
    public RegradePlan previewRegrade(@Valid @NotNull(message = "is required") RegradeRequest request) {
        checkOneOf(request);
        return regrades.preview(caller.team(), request.questionId(), request.answerIds());
    }

    private static void checkOneOf(RegradeRequest request) {
        if ((request.questionId() != null) == (request.answerIds() != null)) {
            throw new ValidationProblem("questionId", "give exactly one of questionId or answerIds");
        }
    }
}
