package dev.viva.question.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.viva.question.repository.QuestionRepository;
import dev.viva.question.repository.TeamCategoryRepository;

/**
 * The categories a caller's questions may use: the shared ones (configuration, {@code viva.bank.categories})
 * and the ones their team defined for its own bank. A team's category is visible to that team only.
 */
@ApplicationScoped
@Transactional
public class CategoryService {

    private static final Logger LOG = Logger.getLogger(CategoryService.class);

    /** One category as a caller sees it: whose it is and how many active questions it holds. */
    public record CategoryInfo(String category, boolean shared, long count) {
    }

    private final TeamCategoryRepository teamCategories;
    private final QuestionRepository questions;
    private final QuestionValidator validator;

    public CategoryService(TeamCategoryRepository teamCategories, QuestionRepository questions, QuestionValidator validator) {
        this.teamCategories = teamCategories;
        this.questions = questions;
        this.validator = validator;
    }

    /** The rules a team's own questions are held to, with the categories the team may use. */
    public BankRules teamRules(String team) {
        return BankRules.team(validator.categories(), teamCategories.names(team));
    }

    public BankRules shippedRules() {
        return BankRules.shipped(validator.categories());
    }

    public boolean isVisible(String team, String category) {
        return validator.isCategory(category) || teamCategories.names(team).contains(category);
    }

    public List<String> visible(String team) {
        List<String> all = new ArrayList<>(validator.categories());
        teamCategories.names(team).stream().filter(c -> !all.contains(c)).forEach(all::add);
        return all;
    }

    public List<String> teamOnly(String team) {
        return teamCategories.names(team).stream().filter(c -> !validator.isCategory(c)).toList();
    }

    /** Shared categories first (configuration order), then the team's, each with its active question count. */
    public List<CategoryInfo> list(Caller caller) {
        Map<String, Long> counts = questions.countActiveByCategory(caller.team());
        Map<String, CategoryInfo> all = new LinkedHashMap<>();
        for (String category : validator.categories()) {
            all.put(category, new CategoryInfo(category, true, counts.getOrDefault(category, 0L)));
        }
        for (String category : teamCategories.names(caller.team())) {
            all.putIfAbsent(category, new CategoryInfo(category, false, counts.getOrDefault(category, 0L)));
        }
        // A category no longer configured still shows while questions use it.
        counts.forEach((category, n) -> all.putIfAbsent(category, new CategoryInfo(category, true, n)));
        return List.copyOf(all.values());
    }

    /** Defines a category of the caller's team; defining it again, or naming a shared one, changes nothing. */
    public boolean define(Caller caller, String category, String path) {
        String team = QuestionService.requireTeam(caller);
        validator.checkCategoryName(path, category);
        if (validator.isCategory(category)) {
            return false;
        }
        boolean created = teamCategories.define(team, category, caller.subject(), Instant.now());
        if (created) {
            LOG.infof("Team %s defined category %s", team, category);
        }
        return created;
    }

    /** Removes a category of the caller's team that none of its questions (active or retired) uses. */
    public void remove(Caller caller, String category) {
        String team = QuestionService.requireTeam(caller);
        if (validator.isCategory(category)) {
            throw ServiceException.forbidden("Category '" + category + "' is shared; shared categories are configured"
                    + " with viva.bank.categories");
        }
        if (teamCategories.findByIdOptional(new dev.viva.question.domain.TeamCategory.Key(team, category)).isEmpty()) {
            throw ServiceException.notFound("Your team has no category '" + category + "'");
        }
        long used = questions.count("team = ?1 and category = ?2", team, category);
        if (used > 0) {
            throw ServiceException.conflict("Category '" + category + "' is used by " + used
                    + " of your team's questions; move them to another category first");
        }
        teamCategories.deleteById(new dev.viva.question.domain.TeamCategory.Key(team, category));
    }
}
