package dev.viva.question.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.question.domain.TeamCategory;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class TeamCategoryRepository implements PanacheRepositoryBase<TeamCategory, TeamCategory.Key> {

    public List<String> names(String team) {
        if (team == null) {
            return List.of();
        }
        return list("team", Sort.by("category"), team).stream().map(c -> c.category).toList();
    }

    /** Defines the category once; a second definition (also a concurrent one) changes nothing. */
    public boolean define(String team, String category, String actor, java.time.Instant now) {
        int inserted = getEntityManager().createNativeQuery(
                "insert into team_categories (team, category, created_at, created_by) values (?1, ?2, ?3, ?4) "
                        + "on conflict do nothing")
                .setParameter(1, team).setParameter(2, category).setParameter(3, now).setParameter(4, actor)
                .executeUpdate();
        return inserted == 1;
    }
}
