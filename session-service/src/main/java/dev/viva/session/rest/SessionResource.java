package dev.viva.session.rest;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.viva.session.config.SessionConfig;
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
@Tag(name = "sessions", description = "Mock interview sessions, answers, grading progress and feedback reports")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class SessionResource {

    static final String MARKDOWN = "text/markdown";
    static final String CSV = "text/csv";
    /** Marks the end of a progress stream; never sent. */
    private static final GradingProgress END = new GradingProgress("end", null, null, null, null, null, 0, 0, 0, 0, null, 0,
            null, false);

    private final SessionService sessions;
    private final AnswerService answers;
    private final ReportService reports;
    private final ProgressBroadcaster progress;
    private final CallerFactory callers;
    private final SessionExportService exports;
    private final ProgressStreams streams;
    private final SessionConfig config;

    public SessionResource(SessionService sessions, AnswerService answers, ReportService reports,
            ProgressBroadcaster progress, CallerFactory callers, SessionExportService exports, ProgressStreams streams,
            SessionConfig config) {
        this.exports = exports;
        this.streams = streams;
        this.config = config;
        this.sessions = sessions;
        this.answers = answers;
        this.reports = reports;
        this.progress = progress;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"candidate", "interviewer", "admin"})
    @Operation(summary = "Start a session",
            description = "Draws questionCount (1-20) questions from question-service: optionally of some categories, one"
                    + " difficulty, from your team's bank, the shared bank or both (bank), and only questions carrying any"
                    + " of tags. The prompts and rubric versions are frozen in the session. Interviewers and admins"
                    + " assign it to a named candidate of the team (candidate).")
    @APIResponse(responseCode = "201", description = "The session, with its questions; Location names it")
    @APIResponse(responseCode = "400", description = "The body cannot be read")
    @APIResponse(responseCode = "422", description = "A field breaks a rule, or the bank cannot satisfy the draw")
    @APIResponse(responseCode = "429", description = "The candidate's sessions-per-day quota is used up")
    @APIResponse(responseCode = "503", description = "question-service is unavailable; nothing was stored")
    public Response create(@NotNull @Valid CreateSessionRequest request, @Context UriInfo uri) {
        SessionView created = sessions.create(callers.caller(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @GET
    @RolesAllowed({"candidate", "interviewer", "admin"})
    @Operation(summary = "List sessions",
            description = "Session history with scores, newest first: a candidate's own; the team's for interviewers and admins.")
    @APIResponse(responseCode = "200", description = "The sessions")
    @APIResponse(responseCode = "400", description = "limit out of 1-500")
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
    @Operation(summary = "Export the team's sessions as CSV",
            description = "One row per question of each session, with its answer's status and score (RFC 4180, cells that"
                    + " could be read as formulas are escaped); the session list's filters apply.")
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
    @Operation(summary = "Get a session",
            description = "The session's questions and, per question, the current answer's id and state.")
    @APIResponse(responseCode = "200", description = "The session")
    @APIResponse(responseCode = "404", description = "No such session visible to you")
    public SessionView get(@PathParam("id") UUID id) {
        return sessions.get(callers.caller(), id);
    }

    @POST
    @Path("{id}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("candidate")
    @Operation(summary = "Answer a question",
            description = "Stores the answer (text up to 20,000 characters; a later one replaces it) and queues it for"
                    + " grading in the same transaction; grading happens in the background. A retry with the same"
                    + " Idempotency-Key returns the first response and stores nothing twice.")
    @APIResponse(responseCode = "202", description = "Accepted: {answerId, sessionId, questionId, status: PENDING}")
    @APIResponse(responseCode = "400", description = "A field breaks a rule, or the question is not in this session")
    @APIResponse(responseCode = "404", description = "No such session of yours")
    @APIResponse(responseCode = "409", description = "The session is completed or expired")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different answer")
    public RestResponse<AnswerAccepted> submit(@PathParam("id") UUID id,
            @Parameter(description = "a retry with the same key returns the first response and stores nothing twice")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @NotNull @Valid SubmitAnswerRequest request) {
        // typed, so the JSON writer is chosen when the application is built rather than looked up per answer
        return RestResponse.status(Response.Status.ACCEPTED, answers.submit(callers.caller(), id, request, idempotencyKey));
    }

    @POST
    @Path("{id}/complete")
    @RolesAllowed({"candidate", "admin"})
    @Operation(summary = "Complete a session",
            description = "Closes the session for answers; grading of what was submitted goes on, and the report reveals"
                    + " reference answers and missed key points once it is done. Completing twice is harmless.")
    @APIResponse(responseCode = "200", description = "The completed session")
    @APIResponse(responseCode = "404", description = "No such session you may complete")
    @APIResponse(responseCode = "409", description = "The session has expired")
    public SessionView complete(@PathParam("id") UUID id) {
        return sessions.complete(callers.caller(), id);
    }

    @GET
    @Path("{id}/report")
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN, MediaType.TEXT_HTML})
    @RolesAllowed({"candidate", "interviewer", "admin"})
    @Operation(summary = "Get the feedback report",
            description = "As application/json (default), text/markdown or text/html, by Accept: the overall score (an"
                    + " unanswered question counts as 0), answered N of M, scores by category and per question, criteria"
                    + " levels, key points, feedback, and after the reveal (session completed or expired, every answer"
                    + " graded) the reference answers and missed key points, unanswered questions included.")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "404", description = "No such session visible to you")
    @APIResponse(responseCode = "406", description = "None of the three representations is acceptable")
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
    @Operation(summary = "Follow grading progress",
            description = "Server-sent events, each a JSON GradingProgress: a snapshot of the counts when you connect,"
                    + " answer-submitted, answer-graded and answer-failed as they happen, session-completed, a heartbeat"
                    + " with the latest counts every 20 seconds, and a final all-graded once every answer is graded and"
                    + " no more can come; the stream ends after all-graded when the session takes no more answers.")
    @APIResponse(responseCode = "200", description = "The event stream")
    @APIResponse(responseCode = "404", description = "No such session visible to you")
    public Multi<GradingProgress> events(@PathParam("id") UUID id) {
        var caller = callers.caller();
        GradingProgress snapshot = sessions.snapshot(caller, id);
        AtomicReference<GradingProgress> latest = new AtomicReference<>(snapshot);
        Multi<GradingProgress> live = progress.stream(id).onItem().invoke(latest::set);
        // a heartbeat keeps proxies from closing a quiet stream, and repeats the latest counts
        Multi<GradingProgress> heartbeats = Multi.createFrom().ticks().every(config.events().heartbeat()).onOverflow().drop()
                .map(tick -> latest.get().heartbeat());
        Multi<GradingProgress> start = Multi.createFrom().iterable(snapshot.allGraded()
                ? List.of(snapshot, snapshot.asAllGraded()) : List.of(snapshot));
        return streams.bounded(caller, Multi.createBy().concatenating().streams(start, Multi.createBy().merging().streams(live, heartbeats))
                .onItem().transformToIterable(p -> p.last() ? List.of(p, END) : List.of(p))
                .select().first(p -> p != END));
    }

    /** The stream's headers only: a HEAD must end, which the stream itself never does. */
    @HEAD
    @Path("{id}/events")
    @RolesAllowed({"candidate", "interviewer", "admin"})
    @Operation(summary = "Check the progress stream",
            description = "The headers the progress stream would answer with, and nothing else: whether the caller may"
                    + " open it. A HEAD of the stream itself would never end.")
    public Response eventsHead(@PathParam("id") UUID id) {
        sessions.snapshot(callers.caller(), id);
        return Response.ok().type(MediaType.SERVER_SENT_EVENTS).build();
    }
}
