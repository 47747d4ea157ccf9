package dev.viva.question.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.jpa.HibernateHints;

import dev.viva.question.domain.Bank;
import dev.viva.question.domain.Difficulty;
import dev.viva.question.domain.Question;
import dev.viva.question.domain.QuestionStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class QuestionRepository implements PanacheRepositoryBase<Question, Long> {

    private static final long BANK_LOADING_LOCK = 8081001;

    /** What a caller may see: the shared bank plus their team's own questions. */
    private static final String VISIBLE = "(q.team is null or q.team = :team)";

    /** Filters of a question list; null fields do not filter. */
    public record Filter(String team, Bank bank, List<QuestionStatus> statuses, String category, Difficulty difficulty,
            String tag, String text) {
    }

    public record PageResult(List<Question> items, long total) {
    }

    public PageResult search(Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(visible(filter.bank()) + " and q.status in :statuses");
        Map<String, Object> params = new HashMap<>();
        if (filter.bank() != Bank.SHARED) {
            params.put("team", filter.team() == null ? "" : filter.team());
        }
        params.put("statuses", filter.statuses());
        if (filter.category() != null) {
            where.append(" and q.category = :category");
            params.put("category", filter.category());
        }
        if (filter.difficulty() != null) {
            where.append(" and q.difficulty = :difficulty");
            params.put("difficulty", filter.difficulty());
        }
        if (filter.tag() != null) {
            where.append(" and :tag member of q.tags");
            params.put("tag", filter.tag());
        }
        if (filter.text() != null) {
            where.append(" and (lower(q.prompt) like :text or lower(q.id) like :text)");
            params.put("text", "%" + escapeLike(filter.text().toLowerCase()) + "%");
        }
        var query = find("from Question q where " + where, Sort.by("id"), params);
        long total = query.count();
        List<Question> items = query.page(Page.of(page, size)).list();
        return new PageResult(items, total);
    }

    /**
     * The question {@code id} as {@code team} sees it: its own, or the shared bank's. (A team's ids are kept
     * apart from the shared bank's, so at most one matches.) Another team's question of the same id is never found.
     */
    public Optional<Question> findVisible(String id, String team) {
        return find("from Question q where q.id = :id and " + VISIBLE,
                Map.of("id", id, "team", team == null ? "" : team)).firstResultOptional();
    }

    /** The question {@code id} of {@code team}'s own bank, or of the shared bank when {@code team} is null, locked. */
    public Optional<Question> findOwnedForUpdate(String team, String id) {
        var query = team == null ? find("id = ?1 and team is null", id) : find("id = ?1 and team = ?2", id, team);
        return query.withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Whether some team's own bank has a question {@code id}; said only to the operator loading the shared bank. */
    public boolean usedByATeam(String id) {
        return count("id = ?1 and team is not null", id) > 0;
    }

    /** What a draw chooses by: a question's key, id, category and difficulty, read without loading the question. */
    public record Candidate(Long key, String id, String category, Difficulty difficulty) {
    }

    /**
     * Active visible questions a draw may choose, ordered by id so that a seed always sees the same list.
     * With {@code tags}, a question qualifies when it carries any of them. Only the four columns the choice
     * needs are read; {@link #loadInOrder} loads the chosen questions.
     */
    public List<Candidate> drawPool(String team, Bank bank, List<String> categories, Difficulty difficulty, List<String> tags) {
        StringBuilder where = new StringBuilder(visible(bank) + " and q.status = :active");
        Map<String, Object> params = new HashMap<>();
        if (bank != Bank.SHARED) {
            params.put("team", team == null ? "" : team);
        }
        params.put("active", QuestionStatus.ACTIVE);
        if (categories != null && !categories.isEmpty()) {
            where.append(" and q.category in :categories");
            params.put("categories", categories);
        }
        if (difficulty != null) {
            where.append(" and q.difficulty = :difficulty");
            params.put("difficulty", difficulty);
        }
        if (tags != null && !tags.isEmpty()) {
            where.append(" and exists (select 1 from Question t join t.tags tag where t = q and tag in :tags)");
            params.put("tags", tags);
        }
        var query = getEntityManager().createQuery(
                "select q.key, q.id, q.category, q.difficulty from Question q where " + where + " order by q.id", Object[].class);
        params.forEach(query::setParameter);
        List<Candidate> pool = new ArrayList<>();
        for (Object[] row : query.getResultList()) {
            pool.add(new Candidate((Long) row[0], (String) row[1], (String) row[2], (Difficulty) row[3]));
        }
        return pool;
    }

    /** The questions of {@code keys}, in that order, read-only (a draw changes none of them). */
    public List<Question> loadInOrder(List<Long> keys) {
        Map<Long, Question> byKey = new HashMap<>();
        for (Question q : find("key in ?1", keys).withHint(HibernateHints.HINT_READ_ONLY, true).list()) {
            byKey.put(q.key, q);
        }
        return keys.stream().map(byKey::get).toList();
    }

    public Map<String, Long> countActiveByCategory(String team) {
        List<Object[]> rows = getEntityManager().createQuery(
                "select q.category, count(q) from Question q where " + VISIBLE
                        + " and q.status = :active group by q.category order by q.category", Object[].class)
                .setParameter("team", team == null ? "" : team)
                .setParameter("active", QuestionStatus.ACTIVE)
                .getResultList();
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (Object[] row : rows) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return counts;
    }

    public List<Question> listTeam(String team) {
        return list("team", Sort.by("id"), team);
    }

    public List<Question> listShared() {
        return list("team is null", Sort.by("id"));
    }

    /** Tags of the active questions a caller sees: per tag, how many in all and how many of the team's own. */
    public List<Object[]> tagCounts(String team) {
        return getEntityManager().createQuery(
                "select tag, count(q), sum(case when q.team is null then 0 else 1 end) from Question q join q.tags tag"
                        + " where " + VISIBLE + " and q.status = :active group by tag order by tag", Object[].class)
                .setParameter("team", team == null ? "" : team)
                .setParameter("active", QuestionStatus.ACTIVE)
                .getResultList();
    }

    private static String visible(Bank bank) {
        return switch (bank == null ? Bank.BOTH : bank) {
            case TEAM -> "(q.team = :team)";
            case SHARED -> "(q.team is null)";
            case BOTH -> VISIBLE;
        };
    }

    /** Takes a transaction-scoped lock so that instances starting at once load the bank one after another. */
    public void lockBankLoading() {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(" + BANK_LOADING_LOCK + ")").getSingleResult();
    }

    /**
     * Takes the bank-loading lock shared, for a team's writes: they do not wait for each other, but a bank load
     * and a team's new question never check "is this id free?" at the same moment, so a team's id never
     * collides with a shared one.
     */
    public void lockAgainstBankLoading() {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock_shared(" + BANK_LOADING_LOCK + ")").getSingleResult();
    }

    private static String escapeLike(String s) {
        List<Character> special = new ArrayList<>(List.of('\\', '%', '_'));
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (special.contains(c)) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
