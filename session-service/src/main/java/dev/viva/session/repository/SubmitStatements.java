package dev.viva.session.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;

import dev.viva.session.domain.OutboxMessage;
import dev.viva.session.domain.OutboxWritten;
import dev.viva.session.domain.SessionStatus;
import dev.viva.session.messaging.TraceContext;

/**
 * The submit path's three statements, in plain JDBC on the service's datasource, within the caller's JTA
 * transaction (the pool hands every statement of a transaction the same enlisted connection):
 * <ol>
 * <li>{@link #lock}: the transaction told to run its statements' prepared plans ({@link #GENERIC_PLANS}),
 * and the session row locked, with what a submit reads of it;</li>
 * <li>{@link #before}: under that lock, the team's answer quota, the question's answers in the quota window,
 * an earlier answer with the same Idempotency-Key, and the session's other current answers for the progress
 * event;</li>
 * <li>{@link #write}: the previous answer superseded (taking its row lock, the lock applying a grade takes)
 * and its unsent submission dropped, the new answer and its outbox row inserted, in one statement.</li>
 * </ol>
 * The rest of the service uses Hibernate ORM; this path does not, because it is the one request a client
 * sends at a rate: profiled under load, Hibernate's query interpretation, entity hydration, persistence
 * context and flush were the innermost code in three times as many samples as the JDBC driver sending the
 * statements, and the submit path keeps no entity. {@code deploy/bench/submit.pgbench} runs these same
 * statements.
 */
@ApplicationScoped
public class SubmitStatements {

    static final String LOCK = """
            SELECT s.candidate, s.status, s.expires_at,
                   (SELECT count(*) FROM session_questions c WHERE c.session_id = s.id) AS question_count,
                   q.question_id, q.prompt, q.rubric_version
              FROM sessions s LEFT JOIN session_questions q ON q.session_id = s.id AND q.question_id = ?
             WHERE s.id = ? AND s.team = ?
               FOR UPDATE OF s
            """;

    /*
     * A statement of its own after the lock: in READ COMMITTED every statement takes a fresh snapshot, so a
     * concurrent submit to the same session that held the lock is seen here once it has committed. The quota
     * window reads at most the quota's number of the question's newest answers (an index range read
     * backwards): the submit is refused once that many are there, and the oldest of them is the one whose
     * leaving the window frees a place, also when a team lowered its quota below what the window holds.
     */
    static final String BEFORE = """
            SELECT (SELECT t.answers_per_question FROM team_settings t WHERE t.team = ?) AS quota,
                   w.answers, w.oldest, c.answered, c.graded, c.failed, k.id, k.question_id, k.text
              FROM (SELECT count(*) AS answers, min(n.submitted_at) AS oldest
                      FROM (SELECT a.submitted_at FROM answers a
                             WHERE a.session_id = ? AND a.question_id = ? AND a.submitted_at >= ?
                             ORDER BY a.submitted_at DESC
                             LIMIT coalesce((SELECT t.answers_per_question FROM team_settings t WHERE t.team = ?), ?)) n) w
             CROSS JOIN (SELECT count(*) AS answered, count(*) FILTER (WHERE a.status = 'GRADED') AS graded,
                                count(*) FILTER (WHERE a.status = 'FAILED') AS failed
                           FROM answers a WHERE a.session_id = ? AND a.is_current AND a.question_id <> ?) c
              LEFT JOIN answers k ON k.session_id = ? AND k.candidate = ? AND k.idempotency_key = ?
            """;

    /*
     * The INSERT of the answer reads the superseded rows (count(*) of `previous`), so the UPDATE has run to
     * the end before the new current answer meets the one-current-answer-per-question index; the outbox row
     * is inserted from the answer's RETURNING. `dropped` removes the superseded answer's submission if the
     * relay has not sent it yet (a replaced answer is then never graded; one already published is graded
     * and ignored as not current). A row the relay holds is being sent: it is skipped, not waited for. Waiting
     * ended the same way (the row sent, nothing to delete) but held the session's lock through the relay's
     * broker round trip: under load most submits waited there (pg_stat_activity: Lock/transactionid).
     */
    static final String WRITE = """
            WITH previous AS (
                UPDATE answers SET is_current = false, superseded_at = ?, updated_at = ?, version = version + 1
                 WHERE session_id = ? AND question_id = ? AND is_current
                RETURNING id),
            dropped AS (
                DELETE FROM outbox WHERE id IN (
                    SELECT o.id FROM outbox o WHERE o.sent_at IS NULL AND o.message_key = ?
                       AND (o.payload::jsonb ->> 'answerId') IN (SELECT id::text FROM previous)
                       FOR UPDATE SKIP LOCKED)),
            answer AS (
                INSERT INTO answers (id, session_id, question_id, candidate, team, text, status, is_current,
                                     idempotency_key, submitted_at, updated_at)
                SELECT ?, ?, ?, ?, ?, ?, 'PENDING', true, ?, ?, ? FROM (SELECT count(*) FROM previous) superseded
                RETURNING id)
            INSERT INTO outbox (id, topic, message_key, event_type, payload, trace_parent, created_at, next_attempt_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM answer
            """;

    private final DataSource dataSource;
    private final Event<OutboxWritten> written;
    private final TraceContext trace;

    public SubmitStatements(DataSource dataSource, Event<OutboxWritten> written, TraceContext trace) {
        this.dataSource = dataSource;
        this.written = written;
        this.trace = trace;
    }

    /** A session as the submit path reads it; {@code questionId} is null for a question not in it. */
    public record Target(UUID id, String team, String candidate, SessionStatus status, Instant expiresAt,
            int questionCount, String questionId, String prompt, int rubricVersion) {

        /** As {@code InterviewSession#statusAt}: an open session past its time limit is EXPIRED even before the sweep. */
        public SessionStatus statusAt(Instant now) {
            if (status == SessionStatus.OPEN && expiresAt != null && !now.isBefore(expiresAt)) {
                return SessionStatus.EXPIRED;
            }
            return status;
        }
    }

    /**
     * What the submit decides on, read under the session lock.
     *
     * @param teamQuota the team's answers-per-question quota, null when the team keeps the default
     * @param inWindow  answers to the question since the window's start, at most the quota's number of the
     *                  newest, and the oldest of those
     * @param others    the session's current answers to its other questions: answered, graded, failed
     * @param earlier   the answer stored with the same Idempotency-Key, if any
     */
    public record Before(Integer teamQuota, TeamSettingsRepository.Window inWindow, long[] others,
            Optional<Earlier> earlier) {
    }

    /** An answer stored earlier under an Idempotency-Key. */
    public record Earlier(UUID id, String questionId, String text) {
    }

    /** The new answer and its event, as {@link #write} stores them. */
    public record NewAnswer(UUID id, UUID sessionId, String questionId, String candidate, String team, String text,
            String idempotencyKey, Instant now) {
    }

    /*
     * For the rest of the submit's transaction, PostgreSQL runs these statements' prepared (generic) plans
     * instead of planning them again for each submit's values. Left to choose, it planned BEFORE and WRITE anew
     * on 80-96 % of submits (pg_stat_statements: plans against calls), about 0.8 ms of the database's CPU per
     * submit, more than executing them took, for plans no better than the generic ones (the same index scans).
     */
    static final String GENERIC_PLANS = "SET LOCAL plan_cache_mode = force_generic_plan";

    /** Locks the session row for the rest of the transaction; empty when there is no such session in the team. */
    public Optional<Target> lock(UUID id, String team, String questionId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LOCK)) {
            try (Statement set = c.createStatement()) {
                set.execute(GENERIC_PLANS);
            }
            s.setString(1, questionId);
            s.setObject(2, id);
            s.setString(3, team);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int rubricVersion = rs.getInt(7);
                return Optional.of(new Target(id, team, rs.getString(1), SessionStatus.valueOf(rs.getString(2)),
                        instant(rs, 3), rs.getInt(4), rs.getString(5), rs.getString(6), rs.wasNull() ? 0 : rubricVersion));
            }
        } catch (SQLException e) {
            throw failure("reading the session", e);
        }
    }

    /** Run after {@link #lock}, in the same transaction. */
    public Before before(UUID sessionId, String team, String candidate, String questionId, Instant windowStart,
            int defaultQuota, String idempotencyKey) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(BEFORE)) {
            s.setString(1, team);
            s.setObject(2, sessionId);
            s.setString(3, questionId);
            s.setObject(4, time(windowStart));
            s.setString(5, team);
            s.setInt(6, defaultQuota);
            s.setObject(7, sessionId);
            s.setString(8, questionId);
            s.setObject(9, sessionId);
            s.setString(10, candidate);
            if (idempotencyKey == null) {
                s.setNull(11, Types.VARCHAR);
            } else {
                s.setString(11, idempotencyKey);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                int quota = rs.getInt(1);
                Integer teamQuota = rs.wasNull() ? null : quota;
                var window = new TeamSettingsRepository.Window(rs.getLong(2), Optional.ofNullable(instant(rs, 3)));
                long[] others = { rs.getLong(4), rs.getLong(5), rs.getLong(6) };
                UUID earlierId = rs.getObject(7, UUID.class);
                Optional<Earlier> earlier = earlierId == null ? Optional.empty()
                        : Optional.of(new Earlier(earlierId, rs.getString(8), rs.getString(9)));
                return new Before(teamQuota, window, others, earlier);
            }
        } catch (SQLException e) {
            throw failure("reading the answers", e);
        }
    }

    /**
     * Supersedes the current answer to the question, stores the new one and its outbox row (with the current
     * trace context); the relay is woken once the transaction commits.
     */
    public void write(NewAnswer answer, OutboxMessage event) {
        OffsetDateTime now = time(answer.now());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(WRITE)) {
            s.setObject(1, now);
            s.setObject(2, now);
            s.setObject(3, answer.sessionId());
            s.setString(4, answer.questionId());
            s.setString(5, event.messageKey);
            s.setObject(6, answer.id());
            s.setObject(7, answer.sessionId());
            s.setString(8, answer.questionId());
            s.setString(9, answer.candidate());
            s.setString(10, answer.team());
            s.setString(11, answer.text());
            if (answer.idempotencyKey() == null) {
                s.setNull(12, Types.VARCHAR);
            } else {
                s.setString(12, answer.idempotencyKey());
            }
            s.setObject(13, now);
            s.setObject(14, now);
            s.setObject(15, event.id);
            s.setString(16, event.topic);
            s.setString(17, event.messageKey);
            s.setString(18, event.eventType);
            s.setString(19, event.payload);
            String traceParent = trace.current();
            if (traceParent == null) {
                s.setNull(20, Types.VARCHAR);
            } else {
                s.setString(20, traceParent);
            }
            s.setObject(21, time(event.createdAt));
            s.setObject(22, time(event.nextAttemptAt));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("storing the answer", e);
        }
        written.fire(new OutboxWritten(event.topic));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * The SQLException stays the cause, so a unique violation (23505) is still recognised by its state; its
     * message, which may quote the row and so the candidate's text, is not copied into this one.
     */
    private static PersistenceException failure(String what, SQLException e) {
        return new PersistenceException("Submit failed " + what + " (SQL state " + e.getSQLState() + ")", e);
    }
}
