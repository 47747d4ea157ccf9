package dev.viva.grader.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import dev.viva.grader.domain.Rubric;

/** question-service, as far as the grader needs it (quarkus.rest-client.question-service.url). */
@RegisterRestClient(configKey = "question-service")
@Path("/api/questions")
public interface QuestionServiceApi {

    @GET
    @Path("/{id}/rubric")
    @Produces(MediaType.APPLICATION_JSON)
    Rubric rubric(@PathParam("id") String questionId, @QueryParam("version") int version,
            @HeaderParam("Authorization") String authorization);
}
