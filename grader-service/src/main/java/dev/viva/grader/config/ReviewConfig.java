package dev.viva.grader.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the review queue decides which grades need a person first. */
@ConfigMapping(prefix = "viva.review")
public interface ReviewConfig {

    /** Scores at which a team decides something (pass, hire); a grade this close to one is worth a look. */
    @WithDefault("50,70")
    List<Integer> boundaries();

    /** How close to a boundary (in points, either side) a score counts as near it. */
    @WithDefault("5")
    int boundaryMargin();

    /** A grader confidence below this sends the grade to the queue. */
    @WithDefault("0.6")
    double lowConfidence();

    /** Two graders of one answer whose scores differ by at least this many points disagree. */
    @WithDefault("15")
    int graderDisagreement();

    /**
     * With several LLM samples per answer: a share of key point verdicts and criterion levels at least this large
     * on which the samples were not unanimous sends the grade to the queue (so do sample scores at least
     * {@link #graderDisagreement()} points apart).
     */
    @WithDefault("0.2")
    double sampleDisagreement();

    /**
     * With a second grader ({@code viva.grader.second-opinion}): a share of key point verdicts above this on
     * which the two graders differ sends the grade to the queue (so do scores at least
     * {@link #graderDisagreement()} points apart).
     */
    @WithDefault("0.4")
    double secondOpinionDisagreement();

    /** Items returned when the caller gives no limit. */
    @WithDefault("50")
    int queueLimit();
}
