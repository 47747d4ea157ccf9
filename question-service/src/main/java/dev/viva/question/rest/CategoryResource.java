package dev.viva.question.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.viva.question.rest.Views.CategoryCount;
import dev.viva.question.service.CategoryService;

@Path("/api/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "categories", description = "The shared categories and the ones your team defines for its own bank")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class CategoryResource {

    private final CategoryService categories;
    private final CurrentCaller caller;

    public CategoryResource(CategoryService categories, CurrentCaller caller) {
        this.categories = categories;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "candidate", "interviewer", "admin", "service" })
    @Operation(summary = "List categories",
            description = "Every shared category (configuration order) and then your team's own, each with the number of"
                    + " active questions you can see in it and whether it is shared.")
    @APIResponse(responseCode = "200", description = "The categories")
    public List<CategoryCount> list() {
        return categories.list(caller.get()).stream().map(CategoryCount::of).toList();
    }

    @PUT
    @Path("{category}")
    @RolesAllowed("admin")
    @Operation(summary = "Define a category of your team",
            description = "Your team's questions may then use it, next to the shared categories; other teams never see"
                    + " it. Idempotent: defining it again, or naming a shared category, changes nothing.")
    @APIResponse(responseCode = "201", description = "Defined")
    @APIResponse(responseCode = "200", description = "It already existed (your team's or a shared one)")
    @APIResponse(responseCode = "400", description = "Not a slug of at most 40 characters")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Response define(@PathParam("category") @Parameter(description = "a slug, e.g. data-structures") String category) {
        var c = caller.get();
        boolean created = categories.define(c, category, "category");
        CategoryCount defined = categories.list(c).stream().filter(i -> i.category().equals(category))
                .map(CategoryCount::of).findFirst().orElseThrow();
        return Response.status(created ? 201 : 200).entity(defined).build();
    }

    @DELETE
    @Path("{category}")
    @RolesAllowed("admin")
    @Operation(summary = "Remove a category of your team",
            description = "Only while none of your team's questions, active or retired, is in it.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "A shared category, or not an admin")
    @APIResponse(responseCode = "404", description = "Your team has no such category")
    @APIResponse(responseCode = "409", description = "Some of your team's questions are in it")
    public void remove(@PathParam("category") String category) {
        categories.remove(caller.get(), category);
    }
}
