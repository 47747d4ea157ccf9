package dev.viva.grader.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much re-grading one team may ask for, under {@code viva.grader.regrade.*}. */
@ConfigMapping(prefix = "viva.grader.regrade")
public interface RegradeConfig {

    /** Answers one team may have re-graded within {@link #window()}; beyond it a regrade is a 429. */
    @WithDefault("1000")
    int maxAnswersPerWindow();

    /** Answers one request may re-grade (a question with more answers is refused with 422). */
    @WithDefault("500")
    int maxAnswersPerRequest();

    /** The rolling window the team's limit counts in. */
    @WithDefault("24h")
    Duration window();
}
