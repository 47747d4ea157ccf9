package dev.viva.session.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import dev.viva.session.domain.RevealPolicy;

/** A team's settings as its admin sets them; every field is required. */
public record TeamSettingsRequest(
        @NotNull(message = "is required: practice or assessment") RevealPolicy revealPolicy,
        @NotNull(message = "is required") @Min(value = 1, message = "must be from 1 to 1000") @Max(value = 1000, message = "must be from 1 to 1000") Integer sessionsPerDay,
        @NotNull(message = "is required") @Min(value = 1, message = "must be from 1 to 100") @Max(value = 100, message = "must be from 1 to 100") Integer answersPerQuestion) {
}
