package dev.viva.session.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.viva.session.service.AnswerAccepted;
import dev.viva.session.service.AnswerService;
import dev.viva.session.service.CreateSessionRequest;
import dev.viva.session.service.GradingProgress;
import dev.viva.session.service.ProgressBroadcaster;
import dev.viva.session.service.ReportService;
import dev.viva.session.service.SessionExportService;
import dev.viva.session.service.SessionReport;
import dev.viva.session.service.SessionService;
import dev.viva.session.service.SessionSummary;
import dev.viva.session.service.SessionView;
import dev.viva.session.service.SubmitAnswerRequest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    static final String MARKDOWN = "text/markdown";
    static final String CSV = "text/csv";
    private static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(20);

    private final SessionService sessions;
    private final AnswerService answers;
    private final ReportService reports;
    private final ProgressBroadcaster progress;
    private final CallerFactory callers;
    private final SessionExportService exports;
    private final ProgressStreams streams;

    public SessionResource(SessionService sessions, AnswerService answers, ReportService reports,
            ProgressBroadcaster progress, CallerFactory callers, SessionExportService exports, ProgressStreams streams) {
        this.exports = exports;
        this.streams = streams;
        this.sessions = sessions;
        this.answers = answers;
        this.reports = reports;
        this.progress = progress;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"candidate", "interviewer", "admin"})
    @Operation(summary = "Start a session: draws questionCount (1-20) questions from the bank; interviewers and admins assign it to a named candidate")
    public Response create(@NotNull @Valid CreateSessionRequest request, @Context UriInfo uri) {
        SessionView created = sessions.create(callers.caller(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @GET
    @RolesAllowed({"candidate", "interviewer", "admin"})
    @Operation(summary = "Session history with scores, newest first: a candidate's own; the team's for interviewers and admins")
    public List<SessionSummary> list(@Parameter(description = "interviewers and admins: only this candidate's sessions")
            @QueryParam("candidate") String candidate,
            @Parameter(description = "OPEN, COMPLETED or EXPIRED") @QueryParam("status") String status,
            @Parameter(description = "started on or after: a date (2026-12-01, UTC) or a date-time") @QueryParam("from") String from,
            @Parameter(description = "started before: a date-time, or a date (that whole day included)") @QueryParam("to") String to,
            @Parameter(description = "sessions with at least one question in this category") @QueryParam("category") String category,
            @Parameter(description = "at most this many sessions, newest first (1-500, default 100)")
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return sessions.list(callers.caller(), SessionFilters.of(candidate, status, from, to, category, limit));
    }

    @GET
    @Path("export.csv")
    @Produces(CSV)
    @RolesAllowed({"interviewer", "admin"})
    @Operation(summary = "The team's sessions as CSV, one row per question with its answer's status and score; the list's filters apply")
    public Response exportCsv(@QueryParam("candidate") String candidate, @QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("category") String category,
            @Parameter(description = "at most this many sessions (1-5000, default 1000)")
            @QueryParam("limit") @DefaultValue("1000") @Min(1) @Max(5000) int limit) {
        String csv = exports.csv(callers.caller(), SessionFilters.of(candidate, status, from, to, category, limit));
        return Response.ok(csv, CSV + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"sessions.csv\"").build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"candidate", "interviewer", "admin"})
    public SessionView get(@PathParam("id") UUID id) {
        return sessions.get(callers.caller(), id);
    }

    @POST
    @Path("{id}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("candidate")
    @Operation(summary = "Submit (or replace) the answer to one question; text up to 20,000 characters; graded asynchronously")
    public Response submit(@PathParam("id") UUID id,
            @Parameter(description = "a retry with the same key returns the first response and stores nothing twice")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @NotNull @Valid SubmitAnswerRequest request) {
        AnswerAccepted accepted = answers.submit(callers.caller(), id, request, idempotencyKey);
        return Response.accepted(accepted).build();
    }

    @POST
    @Path("{id}/complete")
    @RolesAllowed({"candidate", "admin"})
    @Operation(summary = "Close the session for answers; the full report follows once grading is done")
    public SessionView complete(@PathParam("id") UUID id) {
        return sessions.complete(callers.caller(), id);
    }

    @GET
    @Path("{id}/report")
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN, MediaType.TEXT_HTML})
    @RolesAllowed({"candidate", "interviewer", "admin"})
    @Operation(summary = "Feedback report as application/json (default), text/markdown or text/html, by Accept")
    public Response report(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        MediaType type = ReportFormat.choose(headers.getAcceptableMediaTypes());
        SessionReport report = reports.report(callers.caller(), id);
        if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            return Response.ok(HtmlReport.render(report), MediaType.TEXT_HTML + ";charset=UTF-8").build();
        }
        if (MARKDOWN.equals(type.getType() + "/" + type.getSubtype())) {
            return Response.ok(MarkdownReport.render(report), MARKDOWN + ";charset=UTF-8").build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({"candidate", "interviewer", "admin"})
    @Blocking
    @Operation(summary = "Grading progress as server-sent events: a snapshot, then one event per applied evaluation")
    public Multi<GradingProgress> events(@PathParam("id") UUID id) {
        var caller = callers.caller();
        GradingProgress snapshot = sessions.snapshot(caller, id);
        // a periodic heartbeat keeps proxies from closing a quiet stream
        Multi<GradingProgress> heartbeats = Multi.createFrom().ticks().every(HEARTBEAT).onOverflow().drop()
                .map(tick -> GradingProgress.heartbeat(id));
        return streams.bounded(caller, Multi.createBy().concatenating().streams(Multi.createFrom().item(snapshot),
                Multi.createBy().merging().streams(progress.stream(id), heartbeats)));
    }

    /** The stream's headers only: a HEAD must end, which the stream itself never does. */
    @HEAD
    @Path("{id}/events")
    @RolesAllowed({"candidate", "interviewer", "admin"})
    @Operation(summary = "Whether the progress stream of a session can be opened (headers only)")
    public Response eventsHead(@PathParam("id") UUID id) {
        sessions.snapshot(callers.caller(), id);
        return Response.ok().type(MediaType.SERVER_SENT_EVENTS).build();
    }
}
