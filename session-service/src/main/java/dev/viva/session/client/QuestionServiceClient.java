package dev.viva.session.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** question-service, configured by {@code quarkus.rest-client.question-service.*}. */
@RegisterRestClient(configKey = "question-service")
@Path("/api/questions")
public interface QuestionServiceClient {

    @POST
    @Path("/draw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response draw(@HeaderParam("Authorization") String authorization, DrawRequest request);

    @GET
    @Path("/{id}/rubric")
    @Produces(MediaType.APPLICATION_JSON)
    RubricResponse rubric(@HeaderParam("Authorization") String authorization, @PathParam("id") String questionId,
            @QueryParam("version") int version);
}
