package dev.viva.session.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.viva.session.domain.Answer;
import dev.viva.session.domain.AnswerStatus;
import dev.viva.session.domain.InterviewSession;
import dev.viva.session.domain.SessionQuestion;
import dev.viva.session.domain.SessionStatus;
import dev.viva.session.repository.AnswerRepository;
import dev.viva.session.repository.SessionRepository;

/**
 * Team analytics from the current answers' grades of record. A score is the mean of the graded answers'
 * scores (a FAILED, pending or unanswered question has none); answered counts every current answer,
 * unanswered the questions without one.
 */
@ApplicationScoped
public class AnalyticsService {

    /** Sessions looked at per candidate, the most recent ones. */
    static final int MAX_SESSIONS = 500;

    public record CandidateAnalytics(String candidate, Totals totals, List<SessionPoint> sessions, List<CategoryTrend> categories) {
    }

    public record Totals(int sessions, int questions, int answered, int unanswered, int graded, Integer score) {
    }

    /** One session in time order, with its per-category scores. */
    public record SessionPoint(UUID sessionId, String title, SessionStatus status, Instant createdAt, Instant completedAt,
            int questions, int answered, int unanswered, Integer score, List<CategoryScore> categories) {
    }

    public record CategoryScore(String category, Integer score, int answered, int questions) {
    }

    /** A category across the candidate's sessions: the overall figure and one point per session that had it. */
    public record CategoryTrend(String category, Integer score, int answered, int questions, List<TrendPoint> trend) {
    }

    public record TrendPoint(UUID sessionId, Instant at, Integer score) {
    }

    /** Candidates side by side: {@code byCategory} of every candidate follows {@code categories}. */
    public record Comparison(List<String> categories, List<CandidateColumn> candidates) {
    }

    public record CandidateColumn(String candidate, Totals totals, List<CategoryScore> byCategory) {
    }

    private final SessionRepository sessions;
    private final AnswerRepository answers;
    private final Clock clock = Clock.systemUTC();

    public AnalyticsService(SessionRepository sessions, AnswerRepository answers) {
        this.sessions = sessions;
        this.answers = answers;
    }

    @Transactional
    public CandidateAnalytics candidate(Caller caller, String candidate) {
        String who = allowed(caller, candidate);
        Data d = load(caller.team(), who);
        List<SessionPoint> points = new ArrayList<>();
        Map<String, List<TrendPoint>> trends = new TreeMap<>();
        for (InterviewSession s : d.sessions()) {
            List<Cell> cells = cells(s, d.answers());
            Map<String, List<Cell>> byCategory = group(cells);
            List<CategoryScore> categories = byCategory.entrySet().stream().map(e -> score(e.getKey(), e.getValue())).toList();
            categories.forEach(c -> trends.computeIfAbsent(c.category(), k -> new ArrayList<>())
                    .add(new TrendPoint(s.id, s.createdAt, c.score())));
            Totals t = totals(1, cells);
            points.add(new SessionPoint(s.id, s.title, s.statusAt(d.now()), s.createdAt, s.completedAt, t.questions(),
                    t.answered(), t.unanswered(), t.score(), categories));
        }
        List<Cell> all = d.sessions().stream().flatMap(s -> cells(s, d.answers()).stream()).toList();
        List<CategoryTrend> categories = group(all).entrySet().stream()
                .map(e -> {
                    CategoryScore c = score(e.getKey(), e.getValue());
                    return new CategoryTrend(c.category(), c.score(), c.answered(), c.questions(), trends.get(c.category()));
                })
                .toList();
        return new CandidateAnalytics(who, totals(d.sessions().size(), all), points, categories);
    }

    @Transactional
    public Comparison compare(Caller caller, List<String> candidates) {
        if (!caller.readsTeam()) {
            throw new ProblemException(403, "Forbidden", "Comparing candidates needs the interviewer or admin role", List.of());
        }
        Map<String, Map<String, List<Cell>>> byCandidate = new java.util.LinkedHashMap<>();
        Map<String, Totals> totals = new java.util.HashMap<>();
        Set<String> categories = new java.util.TreeSet<>();
        for (String c : candidates) {
            Data d = load(caller.team(), c);
            List<Cell> cells = d.sessions().stream().flatMap(s -> cells(s, d.answers()).stream()).toList();
            Map<String, List<Cell>> grouped = group(cells);
            byCandidate.put(c, grouped);
            totals.put(c, totals(d.sessions().size(), cells));
            categories.addAll(grouped.keySet());
        }
        List<String> order = List.copyOf(categories);
        List<CandidateColumn> columns = byCandidate.entrySet().stream()
                .map(e -> new CandidateColumn(e.getKey(), totals.get(e.getKey()), order.stream()
                        .map(cat -> score(cat, e.getValue().getOrDefault(cat, List.of()))).toList()))
                .toList();
        return new Comparison(order, columns);
    }

    private static String allowed(Caller caller, String candidate) {
        if (!caller.readsTeam() && !caller.subject().equals(candidate)) {
            throw new ProblemException(403, "Forbidden", "A candidate sees only their own analytics", List.of());
        }
        return candidate;
    }

    private record Data(List<InterviewSession> sessions, Map<String, Answer> answers, Instant now) {
    }

    /** One question of one session with its current answer, if any. */
    private record Cell(String category, Answer answer) {
        boolean graded() {
            return answer != null && answer.status == AnswerStatus.GRADED && answer.score != null;
        }
    }

    private Data load(String team, String candidate) {
        Instant now = clock.instant();
        List<InterviewSession> found = new ArrayList<>(sessions.search(team,
                new SessionFilter(candidate, null, null, null, null, MAX_SESSIONS), now));
        Collections.reverse(found); // oldest first: a trend reads left to right
        Map<String, Answer> byQuestion = answers.currentAnswers(found.stream().map(s -> s.id).toList()).stream()
                .collect(Collectors.toMap(a -> a.sessionId + "/" + a.questionId, Function.identity(), (a, b) -> a));
        return new Data(found, byQuestion, now);
    }

    private static List<Cell> cells(InterviewSession s, Map<String, Answer> answers) {
        List<Cell> cells = new ArrayList<>();
        for (SessionQuestion q : s.questions) {
            cells.add(new Cell(q.category, answers.get(s.id + "/" + q.questionId)));
        }
        return cells;
    }

    private static Map<String, List<Cell>> group(List<Cell> cells) {
        Map<String, List<Cell>> out = new TreeMap<>();
        cells.forEach(c -> out.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c));
        return out;
    }

    private static CategoryScore score(String category, List<Cell> cells) {
        return new CategoryScore(category, mean(cells), (int) cells.stream().filter(c -> c.answer() != null).count(), cells.size());
    }

    private static Totals totals(int sessions, List<Cell> cells) {
        int answered = (int) cells.stream().filter(c -> c.answer() != null).count();
        int graded = (int) cells.stream().filter(Cell::graded).count();
        return new Totals(sessions, cells.size(), answered, cells.size() - answered, graded, mean(cells));
    }

    private static Integer mean(List<Cell> cells) {
        var stats = cells.stream().filter(Cell::graded).mapToInt(c -> c.answer().score).summaryStatistics();
        return stats.getCount() == 0 ? null : (int) Math.round(stats.getAverage());
    }

    /** Names from a comma-separated list: trimmed, blank ones dropped, duplicates once. */
    public static List<String> names(String csv) {
        Set<String> names = new LinkedHashSet<>();
        if (csv != null) {
            for (String n : csv.split(",")) {
                if (!n.isBlank()) {
                    names.add(n.strip());
                }
            }
        }
        return List.copyOf(names);
    }
}
