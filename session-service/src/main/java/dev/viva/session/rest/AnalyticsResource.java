package dev.viva.session.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.viva.session.service.AnalyticsService;
import dev.viva.session.service.ProblemException;

@Path("/api/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    static final int MAX_COMPARED = 10;

    private final AnalyticsService analytics;
    private final CallerFactory callers;

    public AnalyticsResource(AnalyticsService analytics, CallerFactory callers) {
        this.analytics = analytics;
        this.callers = callers;
    }

    @GET
    @Path("candidates/{candidate}")
    @RolesAllowed({"candidate", "interviewer", "admin"})
    @Operation(summary = "A candidate's sessions over time with overall and per-category scores, answered and unanswered counts (a candidate: their own)")
    public AnalyticsService.CandidateAnalytics candidate(@PathParam("candidate") String candidate) {
        return analytics.candidate(callers.caller(), candidate.strip());
    }

    @GET
    @Path("compare")
    @RolesAllowed({"interviewer", "admin"})
    @Operation(summary = "Candidates of the team side by side on the same categories")
    public AnalyticsService.Comparison compare(@Parameter(description = "2 to 10 candidate names, comma-separated")
            @QueryParam("candidates") String candidates) {
        List<String> names = AnalyticsService.names(candidates);
        if (names.size() < 2 || names.size() > MAX_COMPARED) {
            throw ProblemException.invalid("candidates", "name 2 to " + MAX_COMPARED + " different candidates, comma-separated");
        }
        return analytics.compare(callers.caller(), names);
    }
}
