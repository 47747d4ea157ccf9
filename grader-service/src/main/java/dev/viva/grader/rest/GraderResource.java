package dev.viva.grader.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.llm.Grader;
import dev.viva.grader.service.EvaluationQueryService;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class GraderResource {

    private final Grader grader;
    private final GraderConfig config;
    private final EvaluationQueryService queries;
    private final EvaluationViews views;
    private final JsonWebToken jwt;

    public GraderResource(Grader grader, GraderConfig config, EvaluationQueryService queries, EvaluationViews views,
            JsonWebToken jwt) {
        this.views = views;
        this.grader = grader;
        this.config = config;
        this.queries = queries;
        this.jwt = jwt;
    }

    /** Which grader runs (llm or local), with which model and prompt version. */
    @GET
    @Path("/grader")
    @RolesAllowed({"interviewer", "admin", "service"})
    public GraderInfo grader() {
        return new GraderInfo(grader.kind().wire(), grader.model(), grader.promptVersion(), config.maxInFlight());
    }

    /** The caller's team totals: evaluations, tokens and cost. */
    @GET
    @Path("/usage")
    @RolesAllowed({"interviewer", "admin"})
    public UsageView usage() {
        return views.usage(queries.usage(Teams.of(jwt)));
    }
}
