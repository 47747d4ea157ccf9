package dev.viva.grader.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.viva.grader.service.ReviewQueueService;

@Path("/api/review-queue")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewQueueResource {

    private final ReviewQueueService queue;
    private final CurrentCaller caller;

    public ReviewQueueResource(ReviewQueueService queue, CurrentCaller caller) {
        this.queue = queue;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"interviewer", "admin"})
    @Operation(summary = "The team's unreviewed grades that most need a person, ordered by need, each with its reasons",
            description = "FAILED gradings, suspected injection, red flags, rejected evidence, low confidence, grader disagreement and scores near a decision boundary; a reviewed answer leaves the queue.")
    public ReviewQueueService.Queue queue(@Parameter(description = "at most this many items (1-500, default 50)")
            @QueryParam("limit") @Min(1) @Max(500) Integer limit) {
        return queue.queue(caller.team(), limit);
    }
}
