package dev.viva.grader.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.viva.grader.config.OutboxConfig;
import dev.viva.grader.domain.Answer;
import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.domain.Lease;
import dev.viva.grader.domain.LeaseLostException;
import dev.viva.grader.domain.OutboxMessage;
import dev.viva.grader.domain.RegradeRequest;
import dev.viva.grader.event.AnswerGraded;
import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.repository.AnswerRepository;
import dev.viva.grader.repository.EvaluationRepository;
import dev.viva.grader.repository.OutboxRepository;
import dev.viva.grader.repository.RegradeRequestRepository;

/**
 * The grader's transactions: taking an answer's lease (for a Kafka delivery or a regrade), and storing
 * an evaluation with its outbox row under that lease. Every grading, first or regrade, holds the lease
 * while it grades, so two gradings of one answer never overlap.
 */
@ApplicationScoped
public class EvaluationStore {

    /** A regrade request whose worker holds the answer's lease. */
    public record ClaimedRegrade(UUID requestId, Lease lease, int attempts) {
    }

    private final AnswerRepository answers;
    private final EvaluationRepository evaluations;
    private final OutboxRepository outbox;
    private final RegradeRequestRepository regrades;
    private final EvaluationFactory factory;
    private final OutboxConfig config;

    public EvaluationStore(AnswerRepository answers, EvaluationRepository evaluations, OutboxRepository outbox,
            RegradeRequestRepository regrades, EvaluationFactory factory, OutboxConfig config) {
        this.answers = answers;
        this.evaluations = evaluations;
        this.outbox = outbox;
        this.regrades = regrades;
        this.factory = factory;
        this.config = config;
    }

    /** A delivered answer whose lease this grading holds, read in the transaction that took the lease. */
    public record Claimed(Lease lease, Answer answer) {
    }

    /** Stores the delivered answer if new and takes its lease, unless it is graded or leased already. */
    @Transactional
    public Optional<Claimed> claim(AnswerSubmitted event, Duration length) {
        Lease lease = Lease.newFor(event.answerId());
        return answers.claim(event, lease, length).map(answer -> new Claimed(lease, answer));
    }

    @Transactional
    public boolean evaluated(UUID answerId, int rubricVersion) {
        return answers.evaluated(answerId, rubricVersion);
    }

    @Transactional
    public int renew(Collection<Lease> leases, Duration length) {
        return answers.renew(leases, length);
    }

    @Transactional
    public Answer answer(UUID answerId) {
        return answers.find(answerId);
    }

    /**
     * Stores an evaluation and its event atomically, under the lease the grading took, and ends that
     * lease. A regrade's evaluation replaces the answer's current one (regrade_of / superseded_by, both
     * kept) and completes its request in the same transaction.
     *
     * @throws LeaseLostException when the lease ran out and another grading took it: nothing is stored
     */
    @Transactional
    public Evaluation save(Evaluation evaluation, AnswerGraded event, Lease lease, UUID regradeRequest) {
        // before the insert: set after it, the revision cost a second statement, an UPDATE of the whole row
        evaluation.revision = answers.releaseTakingRevision(lease).orElseThrow(() -> new LeaseLostException(lease));
        if (regradeRequest != null) {
            Optional<Evaluation> current = evaluations.current(evaluation.answerId);
            current.ifPresent(old -> evaluation.regradeOf = old.id);
            evaluations.persist(evaluation);
            evaluations.flush();
            current.ifPresent(old -> old.supersededBy = evaluation.id);
            RegradeRequest request = regrades.find(regradeRequest);
            request.doneAt = Instant.now();
            request.evaluationId = evaluation.id;
            request.lastError = null;
        } else {
            evaluations.persist(evaluation);
        }
        AnswerGraded published = event.withRevision(evaluation.revision);
        OutboxMessage m = OutboxMessage.of(published.eventId(), AnswerGraded.TYPE, config.topic(),
                evaluation.sessionId.toString(), factory.json(published), Instant.now());
        m.evaluationId = evaluation.id;
        outbox.add(m);
        return evaluation;
    }

    /** Ends a lease after a grading that stored nothing; a lease taken over meanwhile is left alone. */
    @Transactional
    public boolean release(Lease lease) {
        return answers.release(lease);
    }

    /** Records a regrade for the answers (one pending request per answer). @return how many were added */
    @Transactional
    public int requestRegrades(List<Answer> selected) {
        int added = 0;
        for (Answer a : selected) {
            added += regrades.request(a.answerId, a.team) ? 1 : 0;
        }
        return added;
    }

    /**
     * Claims up to {@code limit} due regrade requests and, for each whose answer is not being graded, its
     * lease. A claimed request is due again once the lease would have run out, so a request whose worker
     * died is picked up again; one whose answer is busy is tried again shortly.
     */
    @Transactional
    public List<ClaimedRegrade> claimRegrades(int limit, Duration length, Duration busyRetry) {
        List<ClaimedRegrade> claimed = new ArrayList<>();
        Instant now = Instant.now();
        for (RegradeRequest r : regrades.claimDue(limit)) {
            Lease lease = Lease.newFor(r.answerId);
            if (answers.claimStored(lease, length)) {
                r.attempts++;
                r.nextAttemptAt = now.plus(length);
                claimed.add(new ClaimedRegrade(r.id, lease, r.attempts));
            } else {
                r.nextAttemptAt = now.plus(busyRetry);
            }
        }
        return claimed;
    }

    /** A regrade that stored nothing: the lease ends, and the request waits for its next attempt or gives up. */
    @Transactional
    public void regradeFailed(ClaimedRegrade claimed, String error, Duration retryIn, int maxAttempts) {
        answers.release(claimed.lease());
        RegradeRequest r = regrades.find(claimed.requestId());
        r.lastError = error;
        if (claimed.attempts() >= maxAttempts) {
            r.doneAt = Instant.now();
        } else {
            r.nextAttemptAt = Instant.now().plus(retryIn);
        }
    }
}
