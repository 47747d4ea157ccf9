package dev.viva.session.service;

import java.time.Instant;

import dev.viva.session.domain.RevealPolicy;
import dev.viva.session.domain.TeamSettings;

/** The settings in force for a team; {@code updatedAt} and {@code updatedBy} are null while it has the defaults. */
public record TeamSettingsView(String team, RevealPolicy revealPolicy, int sessionsPerDay, int answersPerQuestion,
        Instant updatedAt, String updatedBy) {

    static TeamSettingsView of(TeamSettings s) {
        return new TeamSettingsView(s.team, s.revealPolicy, s.sessionsPerDay, s.answersPerQuestion, s.updatedAt, s.updatedBy);
    }
}
