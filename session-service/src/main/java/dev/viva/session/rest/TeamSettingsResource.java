package dev.viva.session.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.viva.session.service.TeamSettingsRequest;
import dev.viva.session.service.TeamSettingsService;
import dev.viva.session.service.TeamSettingsView;

@Path("/api/team/settings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class TeamSettingsResource {

    private final TeamSettingsService settings;
    private final CallerFactory callers;

    public TeamSettingsResource(TeamSettingsService settings, CallerFactory callers) {
        this.settings = settings;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "Your team's reveal policy and candidate quotas (the defaults until an admin sets them)")
    public TeamSettingsView get() {
        return settings.get(callers.caller().team());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set your team's reveal policy (practice: reference answers and missed key points after a "
            + "completed session; assessment: scores and feedback only) and quotas per candidate")
    public TeamSettingsView put(@NotNull(message = "is required") @Valid TeamSettingsRequest request) {
        return settings.update(callers.caller(), request);
    }
}
