package dev.viva.grader.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.viva.grader.service.AgreementService;
import dev.viva.grader.service.ReviewExportService;

@Path("/api")
@RolesAllowed({"interviewer", "admin"})
public class AgreementResource {

    static final String YAML = "application/yaml";
    private static final YAMLMapper YAML_MAPPER = (YAMLMapper) new YAMLMapper()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES);

    private final AgreementService agreement;
    private final ReviewExportService export;
    private final CurrentCaller caller;

    public AgreementResource(AgreementService agreement, ReviewExportService export, CurrentCaller caller) {
        this.agreement = agreement;
        this.export = export;
        this.caller = caller;
    }

    @GET
    @Path("/agreement")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Machine–interviewer agreement per question and rubric version, per grader, model and prompt version, and for the team",
            description = "Over each reviewed answer, its latest review against the machine evaluation it judged: the share of key point verdicts and criterion levels kept, Spearman, quadratic weighted kappa and the mean signed difference, and the versions whose agreement dropped.")
    public AgreementService.Report agreement() {
        return agreement.report(caller.team());
    }

    @GET
    @Path("/reviews/export")
    @Produces({MediaType.APPLICATION_JSON, YAML, "text/yaml"})
    @Operation(summary = "The team's reviewed answers as a labeled set for the calibration harness (JSON, or YAML by Accept)",
            description = "Each reviewed answer with its question, rubric version, text and the reviewed score, in the"
                    + " labeled-set format that deploy/viva calibrate reads, so corrections become the team's own test set.")
    public Response export(@QueryParam("name") @Size(max = 200) String name, @HeaderParam("Accept") String accept) {
        ReviewExportService.LabeledSet set = export.export(caller.team(), name);
        if (wantsYaml(accept)) {
            try {
                return Response.ok(YAML_MAPPER.writeValueAsString(set), YAML + ";charset=UTF-8").build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Response.ok(set, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** YAML when the client names it before (or instead of) JSON. */
    static boolean wantsYaml(String accept) {
        if (accept == null) {
            return false;
        }
        List<String> types = List.of(accept.toLowerCase(java.util.Locale.ROOT).split(","));
        for (String t : types) {
            String type = t.split(";")[0].strip();
            if (type.endsWith("/yaml") || type.endsWith("/x-yaml")) {
                return true;
            }
            if (type.equals(MediaType.APPLICATION_JSON)) {
                return false;
            }
        }
        return false;
    }
}
