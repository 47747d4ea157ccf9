package dev.viva.session.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.viva.session.config.QuotaConfig;
import dev.viva.session.domain.RevealPolicy;
import dev.viva.session.domain.TeamSettings;
import dev.viva.session.repository.TeamSettingsRepository;

/**
 * A team's reveal policy and candidate quotas: what a completed session shows its candidate, and how many
 * sessions and answers a candidate may submit within the quota window. A refused quota is a 429 whose
 * {@code Retry-After} is when the oldest counted item leaves the window.
 */
@ApplicationScoped
public class TeamSettingsService {

    private static final Logger LOG = Logger.getLogger(TeamSettingsService.class);

    private final TeamSettingsRepository settings;
    private final QuotaConfig config;
    private final Clock clock = Clock.systemUTC();

    public TeamSettingsService(TeamSettingsRepository settings, QuotaConfig config) {
        this.settings = settings;
        this.config = config;
    }

    /** The settings in force: the team's own, or the defaults. */
    @Transactional
    public TeamSettingsView get(String team) {
        return settings.findByIdOptional(team).map(TeamSettingsView::of).orElseGet(() -> new TeamSettingsView(team,
                RevealPolicy.PRACTICE, config.sessionsPerDay(), config.answersPerQuestion(), null, null));
    }

    @Transactional
    public TeamSettingsView update(Caller caller, TeamSettingsRequest request) {
        TeamSettings s = settings.findByIdOptional(caller.team(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .orElseGet(() -> {
                    TeamSettings fresh = new TeamSettings();
                    fresh.team = caller.team();
                    return fresh;
                });
        s.revealPolicy = request.revealPolicy();
        s.sessionsPerDay = request.sessionsPerDay();
        s.answersPerQuestion = request.answersPerQuestion();
        s.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        s.updatedBy = caller.subject();
        settings.persist(s);
        LOG.infof("Team %s settings set by %s: reveal %s, %d sessions per day, %d answers per question", s.team,
                s.updatedBy, s.revealPolicy, s.sessionsPerDay, s.answersPerQuestion);
        return TeamSettingsView.of(s);
    }

    /** Whether a completed, fully graded session shows this caller reference answers and missed key points. */
    public boolean revealsRubric(Caller caller, String team) {
        return caller.readsTeam() || get(team).revealPolicy() == RevealPolicy.PRACTICE;
    }

    /**
     * Refuses (429) a candidate who started the team's quota of sessions within the window, before anything is
     * drawn. Concurrent starts may all pass this early check; {@link #holdSessionStart} is the one that counts.
     */
    @Transactional
    public void checkSessionStart(Caller caller) {
        countSessionStarts(caller);
    }

    /**
     * The same check within the transaction that stores the session, holding a lock per team and candidate
     * until it commits: concurrent starts of one candidate are counted one after another, each seeing the
     * sessions the others stored, so no more than the quota are ever started.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdSessionStart(Caller caller) {
        settings.lockCandidate(caller.team(), caller.subject());
        countSessionStarts(caller);
    }

    private void countSessionStarts(Caller caller) {
        int limit = get(caller.team()).sessionsPerDay();
        Instant now = clock.instant();
        var window = settings.sessionsSince(caller.team(), caller.subject(), now.minus(config.window()));
        if (window.count() >= limit) {
            throw ProblemException.tooManyRequests("You started " + window.count() + " sessions in the last "
                    + hours(config.window()) + "; your team allows " + limit, retryAfter(window, now));
        }
    }

    /** Where the window in which a question's answers count against the quota starts, for a submit at {@code now}. */
    public Instant answerWindowStart(Instant now) {
        return now.minus(config.window());
    }

    /** The answers-per-question quota of a team that has not set its own. */
    public int defaultAnswersPerQuestion() {
        return config.answersPerQuestion();
    }

    /**
     * Refuses (429) an answer beyond the team's quota of answers to one question of a session within the window.
     *
     * @param teamQuota the team's own quota, null when it keeps the default
     * @param window    the question's answers since {@link #answerWindowStart}, at most the quota's number of
     *                  the newest: the oldest of those leaves the window first among the ones that count
     */
    public void checkAnswer(String questionId, Integer teamQuota, TeamSettingsRepository.Window window, Instant now) {
        int limit = teamQuota == null ? config.answersPerQuestion() : teamQuota;
        if (window.count() >= limit) {
            throw ProblemException.tooManyRequests("Question " + questionId + " has had the " + limit
                    + " answers your team allows in " + hours(config.window()), retryAfter(window, now));
        }
    }

    private long retryAfter(TeamSettingsRepository.Window window, Instant now) {
        Instant frees = window.oldest().map(o -> o.plus(config.window())).orElse(now.plus(config.window()));
        return Math.max(1, Duration.between(now, frees).toSeconds() + 1);
    }

    private static String hours(Duration window) {
        return window.toHours() + " hours";
    }
}
