package dev.viva.session.domain;

/**
 * Which bank a session draws from: the team's own questions, the shared bank, or both. The constants are the
 * wire values question-service's draw takes, so they are written as they travel.
 */
public enum QuestionBank {
    team, shared, both
}
