package dev.viva.question.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.viva.question.service.BankDocument;
import dev.viva.question.service.BankReader;
import dev.viva.question.service.BankService;
import dev.viva.question.service.FieldError;
import dev.viva.question.service.ServiceException;

/** A team's own bank in and out, and the shared bank out, in the BANK.md format (YAML or JSON). */
@Path("/api/bank")
@Tag(name = "bank", description = "Import and export in the BANK.md format, for banks kept in git")
@RolesAllowed("admin")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class BankResource {

    public static final String YAML = "application/yaml";

    private final BankService bank;
    private final BankReader reader;
    private final CurrentCaller caller;

    public BankResource(BankService bank, BankReader reader, CurrentCaller caller) {
        this.bank = bank;
        this.reader = reader;
        this.caller = caller;
    }

    @GET
    @Path("export")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export a bank as JSON",
            description = "bank=team (default): your team's questions, active and retired, and its own categories;"
                    + " bank=shared: the shared bank. Current rubrics, in the import format.")
    @APIResponse(responseCode = "200", description = "The bank document")
    @APIResponse(responseCode = "400", description = "bank is neither team nor shared")
    public BankDocument exportJson(@QueryParam("bank") @Parameter(description = "team (default) or shared") String which) {
        return bank.export(caller.get(), shared(which));
    }

    @GET
    @Path("export")
    @Produces({ YAML, "application/x-yaml", "text/yaml" })
    @Operation(summary = "Export a bank as YAML",
            description = "As the JSON export, written for diffs: prose as block scalars, tags and terms on one line.")
    @APIResponse(responseCode = "200", description = "The bank document")
    @APIResponse(responseCode = "400", description = "bank is neither team nor shared")
    public String exportYaml(@QueryParam("bank") @Parameter(description = "team (default) or shared") String which) {
        return reader.toYaml(bank.export(caller.get(), shared(which)));
    }

    @POST
    @Path("import")
    @Consumes({ MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml" })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import your team's bank",
            description = "All or nothing: defines the document's categories for your team, then creates or updates its"
                    + " questions (a changed rubric becomes a new version). Held to a team bank's rules (BANK.md).")
    @APIResponse(responseCode = "200", description = "{created, updated, unchanged}")
    @APIResponse(responseCode = "400", description = "Unreadable, or a question breaks a rule; errors names each field")
    @APIResponse(responseCode = "409", description = "An id belongs to the shared bank or another team")
    @APIResponse(responseCode = "413", description = "Over 1 MiB")
    @APIResponse(responseCode = "415", description = "Neither JSON nor YAML")
    public BankService.ImportResult importBank(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        boolean yaml = contentType != null && contentType.toLowerCase().contains("yaml");
        return bank.importBank(caller.get(), reader.parse(body, yaml));
    }

    private static boolean shared(String which) {
        if (which == null || which.isBlank() || which.equalsIgnoreCase("team")) {
            return false;
        }
        if (which.equalsIgnoreCase("shared")) {
            return true;
        }
        throw ServiceException.invalid(java.util.List.of(new FieldError("bank", "must be team or shared")));
    }
}
