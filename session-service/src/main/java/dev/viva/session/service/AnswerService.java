package dev.viva.session.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import dev.viva.session.config.OutboxConfig;
import dev.viva.session.domain.AnswerStatus;
import dev.viva.session.domain.OutboxMessage;
import dev.viva.session.domain.SessionStatus;
import dev.viva.session.event.AnswerSubmitted;
import dev.viva.session.repository.AnswerRepository;
import dev.viva.session.repository.SubmitStatements;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Accepts answers: validates, stores the answer and its AnswerSubmitted outbox row in one transaction.
 * No other service is called here, so answering works while the grader or Kafka is away.
 */
@ApplicationScoped
public class AnswerService {

    private static final Logger LOG = Logger.getLogger(AnswerService.class);
    public static final int MAX_IDEMPOTENCY_KEY = 200;

    private final Access access;
    private final AnswerRepository answers;
    private final SubmitStatements submits;
    private final ObjectWriter eventWriter;
    private final OutboxConfig config;
    private final TeamSettingsService teamSettings;
    private final jakarta.enterprise.event.Event<GradingProgress> progressEvents;
    private final Clock clock = Clock.systemUTC();

    public AnswerService(Access access, AnswerRepository answers, SubmitStatements submits, ObjectMapper mapper,
            OutboxConfig config, TeamSettingsService teamSettings, jakarta.enterprise.event.Event<GradingProgress> progressEvents) {
        this.teamSettings = teamSettings;
        this.progressEvents = progressEvents;
        this.access = access;
        this.answers = answers;
        this.submits = submits;
        this.eventWriter = mapper.writerFor(AnswerSubmitted.class);
        this.config = config;
    }

    /**
     * The session row is locked first, so submissions to one session (and retries with the same
     * Idempotency-Key) are serialised; the unique indexes are the last line of defence.
     */
    public AnswerAccepted submit(Caller caller, UUID sessionId, SubmitAnswerRequest request, String idempotencyKey) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null && key.length() > MAX_IDEMPOTENCY_KEY) {
            throw ProblemException.invalid("Idempotency-Key", "at most " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> store(caller, sessionId, request, key));
        } catch (RuntimeException e) {
            // the session lock serialises retries; should a retry still race past it, the unique index
            // on the key stops the second insert and the retry gets the first answer back
            if (key != null && uniqueViolation(e)) {
                return QuarkusTransaction.requiringNew().call(() -> replayAfterRace(caller, sessionId, request, key)
                        .orElseThrow(() -> e));
            }
            throw e;
        }
    }

    /** The answer stored earlier under the same key, if it is the same answer; a different one is a 422. */
    private static Optional<AnswerAccepted> replay(UUID sessionId, SubmitAnswerRequest request,
            Optional<SubmitStatements.Earlier> earlier) {
        return earlier.map(a -> {
            if (!a.questionId().equals(request.questionId()) || !Objects.equals(a.text(), request.text())) {
                throw new ProblemException(422, "Idempotency-Key reused",
                        "Idempotency-Key was already used for a different answer", List.of(
                                new FieldError("Idempotency-Key", "already used for a different answer")));
            }
            return new AnswerAccepted(a.id(), sessionId, a.questionId(), AnswerStatus.PENDING);
        });
    }

    private Optional<AnswerAccepted> replayAfterRace(Caller caller, UUID sessionId, SubmitAnswerRequest request, String key) {
        return replay(sessionId, request, answers.findByIdempotencyKey(sessionId, caller.subject(), key)
                .map(a -> new SubmitStatements.Earlier(a.id, a.questionId, a.text)));
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Three statements (see {@link SubmitStatements}): lock the session, read what the rules need, write. */
    private AnswerAccepted store(Caller caller, UUID sessionId, SubmitAnswerRequest request, String key) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        SubmitStatements.Target session = access.ownForAnswer(caller, sessionId, request.questionId());
        SubmitStatements.Before before = submits.before(sessionId, session.team(), caller.subject(), request.questionId(),
                teamSettings.answerWindowStart(now), teamSettings.defaultAnswersPerQuestion(), key);
        Optional<AnswerAccepted> earlier = replay(sessionId, request, before.earlier());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        SessionStatus status = session.statusAt(now);
        if (status != SessionStatus.OPEN) {
            throw ProblemException.conflict("Session " + sessionId + " is " + status + " and takes no more answers");
        }
        if (session.questionId() == null) {
            throw ProblemException.invalid("questionId", "is not a question of this session");
        }
        // counted under the session lock, so concurrent submissions cannot slip past the quota together
        teamSettings.checkAnswer(session.questionId(), before.teamQuota(), before.inWindow(), now);

        UUID answerId = UUID.randomUUID();
        AnswerSubmitted event = new AnswerSubmitted(AnswerSubmitted.SCHEMA_VERSION, UUID.randomUUID(), answerId,
                sessionId, session.team(), caller.subject(), session.questionId(), session.rubricVersion(), session.prompt(),
                request.text(), now);
        // the previous answer stops being current (and its unsent submission is dropped) before the new one is inserted
        submits.write(new SubmitStatements.NewAnswer(answerId, sessionId, session.questionId(), caller.subject(),
                session.team(), request.text(), key, now),
                OutboxMessage.of(event.eventId(), AnswerSubmitted.TYPE, config.topic(), sessionId.toString(), json(event), now));
        LOG.debugf("Answer %s to %s stored for session %s (%d chars)", answerId, session.questionId(), sessionId,
                request.text().length());
        long[] others = before.others();
        long[] counts = { others[0] + 1, others[1], others[2] };
        progressEvents.fire(SessionService.submitted(sessionId, status, session.questionCount(), counts, answerId,
                session.questionId()));
        return new AnswerAccepted(answerId, sessionId, session.questionId(), AnswerStatus.PENDING);
    }

    private String json(AnswerSubmitted event) {
        try {
            return eventWriter.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("AnswerSubmitted could not be serialised", e);
        }
    }
}
