package dev.viva.grader.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.domain.GraderKind;
import dev.viva.grader.llm.Grader;
import dev.viva.grader.llm.GraderProducer;
import dev.viva.grader.service.EvaluationQueryService;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "grader", description = "Which grader runs, and what grading has cost")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class GraderResource {

    private final Grader grader;
    private final GraderConfig config;
    private final EvaluationQueryService queries;
    private final EvaluationViews views;
    private final CurrentCaller caller;

    public GraderResource(Grader grader, GraderConfig config, EvaluationQueryService queries, EvaluationViews views,
            CurrentCaller caller) {
        this.views = views;
        this.grader = grader;
        this.config = config;
        this.queries = queries;
        this.caller = caller;
    }

    /** Which grader runs (llm or local), with which model and prompt version. */
    @GET
    @Path("/grader")
    @RolesAllowed({"interviewer", "admin", "service"})
    @Operation(summary = "Describe the grader",
            description = "Which grader runs (llm or local), with which model and prompt version, and how many answers it"
                    + " grades at once.")
    @APIResponse(responseCode = "200", description = "The grader")
    @APIResponse(responseCode = "403", description = "A candidate")
    public GraderInfo grader() {
        return new GraderInfo(grader.kind().wire(), grader.model(), grader.promptVersion(), config.maxInFlight(),
                grader.kind() == GraderKind.LLM ? config.samples() : 1, GraderProducer.secondOpinionOn(config) ? "local" : null);
    }

    /** The caller's team totals: evaluations, tokens and cost. */
    @GET
    @Path("/usage")
    @RolesAllowed({"interviewer", "admin"})
    @Operation(summary = "Get your team's usage",
            description = "Your team's totals: evaluations (graded, failed), prompt and completion tokens, and cost in US"
                    + " dollars as a plain decimal, in all and per grader and model.")
    @APIResponse(responseCode = "200", description = "The totals")
    @APIResponse(responseCode = "403", description = "Not an interviewer or admin")
    public UsageView usage() {
        return views.usage(queries.usage(caller.team()));
    }
}
