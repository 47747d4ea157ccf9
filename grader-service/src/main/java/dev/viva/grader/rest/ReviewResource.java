package dev.viva.grader.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.viva.grader.domain.Verdict;
import dev.viva.grader.service.EvaluationQueryService;
import dev.viva.grader.service.ReviewService;

/** Interviewers accept or override an answer's machine evaluation; the review becomes the grade of record. */
@Path("/api/evaluations/{answerId}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"interviewer", "admin"})
public class ReviewResource {

    private final ReviewService reviews;
    private final EvaluationQueryService queries;
    private final EvaluationViews views;
    private final CurrentCaller caller;

    public ReviewResource(ReviewService reviews, EvaluationQueryService queries, EvaluationViews views, CurrentCaller caller) {
        this.reviews = reviews;
        this.queries = queries;
        this.views = views;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept or override the answer's current machine evaluation; 201 with the review and the new grade of record",
            description = "The machine evaluation stays as it is; the review is stored beside it with who, when, what changed, comment and reason, and becomes the grade of record, published to session-service like every grade.")
    public Response review(@PathParam("answerId") UUID answerId,
            @Valid @NotNull(message = "a body is required") ReviewRequest request, @Context UriInfo uri) {
        Map<String, Verdict> keyPoints = new LinkedHashMap<>();
        List<ReviewRequest.KeyPoint> kps = request.keyPoints() == null ? List.of() : request.keyPoints();
        for (int i = 0; i < kps.size(); i++) {
            if (keyPoints.put(kps.get(i).id(), kps.get(i).status()) != null) {
                throw new ValidationProblem("keyPoints[" + i + "].id", "key point " + kps.get(i).id() + " is listed twice");
            }
        }
        Map<String, Integer> criteria = new LinkedHashMap<>();
        List<ReviewRequest.Criterion> crs = request.criteria() == null ? List.of() : request.criteria();
        for (int i = 0; i < crs.size(); i++) {
            if (criteria.put(crs.get(i).id(), crs.get(i).level()) != null) {
                throw new ValidationProblem("criteria[" + i + "].id", "criterion " + crs.get(i).id() + " is listed twice");
            }
        }
        ReviewService.Outcome outcome = reviews.review(caller.team(), caller.subject(), answerId,
                new ReviewService.Decision(request.action(), keyPoints, criteria,
                        request.redFlags() == null ? null : List.copyOf(new java.util.LinkedHashSet<>(request.redFlags())),
                        request.comment(), request.reason()));
        ReviewView view = ReviewView.of(outcome.review());
        return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                .entity(new ReviewCreated(view, view.gradeOfRecord())).build();
    }

    @GET
    @Operation(summary = "The answer's reviews, newest first",
            description = "Every interviewer review of the answer, with the verdicts it set beside the machine's.")
    public List<ReviewView> list(@PathParam("answerId") UUID answerId) {
        return views.history(answerId, queries.history(caller.team(), answerId)).map(EvaluationHistory::reviews)
                .orElseThrow(() -> new NotFoundException("No evaluation for answer " + answerId + " in your team"));
    }

    @GET
    @Path("{reviewId}")
    @Operation(summary = "One review of the answer", description = "A review by its id: who, when, the verdicts it set, what changed, comment and reason.")
    public ReviewView get(@PathParam("answerId") UUID answerId, @PathParam("reviewId") UUID reviewId) {
        return views.history(answerId, queries.history(caller.team(), answerId)).stream().flatMap(h -> h.reviews().stream())
                .filter(r -> r.id().equals(reviewId)).findFirst()
                .orElseThrow(() -> new NotFoundException("No review " + reviewId + " of answer " + answerId + " in your team"));
    }
}
