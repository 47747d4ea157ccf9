package dev.viva.question.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.viva.question.service.BankDocument;
import dev.viva.question.service.BankReader;
import dev.viva.question.service.BankService;

/** A team's own bank in and out, in the BANK.md format (YAML or JSON). */
@Path("/api/bank")
@Tag(name = "bank")
@RolesAllowed("admin")
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
    @Operation(summary = "Your team's questions with their current rubrics, as JSON")
    public BankDocument exportJson() {
        return bank.export(caller.get());
    }

    @GET
    @Path("export")
    @Produces({ YAML, "application/x-yaml", "text/yaml" })
    @Operation(summary = "Your team's questions with their current rubrics, as YAML")
    public String exportYaml() {
        return reader.toYaml(bank.export(caller.get()));
    }

    @POST
    @Path("import")
    @Consumes({ MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml" })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or update your team's questions; changed rubrics get new versions")
    public BankService.ImportResult importBank(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        boolean yaml = contentType != null && contentType.toLowerCase().contains("yaml");
        return bank.importBank(caller.get(), reader.parse(body, yaml));
    }
}
