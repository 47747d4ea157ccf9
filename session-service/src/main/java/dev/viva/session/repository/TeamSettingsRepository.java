package dev.viva.session.repository;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.session.domain.TeamSettings;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TeamSettingsRepository implements PanacheRepositoryBase<TeamSettings, String> {

    /** Advisory locks of this service that count a candidate's quota (the first key of the two-key form). */
    private static final int QUOTA_LOCKS = 8082001;

    /**
     * Takes a lock for this team's candidate until the transaction ends (other candidates are not held up;
     * two whose names hash alike merely wait for each other).
     */
    public void lockCandidate(String team, String candidate) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(" + QUOTA_LOCKS + ", hashtext(?1))")
                .setParameter(1, team.length() + ":" + team + candidate).getSingleResult();
    }

    /** How many sessions this candidate started since {@code since}, and the oldest of them. */
    public Window sessionsSince(String team, String candidate, Instant since) {
        Object[] row = getEntityManager().createQuery("select count(s), min(s.createdAt) from InterviewSession s "
                + "where s.team = :team and s.candidate = :candidate and s.createdAt >= :since", Object[].class)
                .setParameter("team", team).setParameter("candidate", candidate).setParameter("since", since)
                .getSingleResult();
        return new Window(((Number) row[0]).longValue(), Optional.ofNullable((Instant) row[1]));
    }

    /** A count within a time window and when its oldest member arrived. */
    public record Window(long count, Optional<Instant> oldest) {
    }
}
