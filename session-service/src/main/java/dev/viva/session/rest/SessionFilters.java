package dev.viva.session.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import dev.viva.session.domain.SessionStatus;
import dev.viva.session.service.FieldError;
import dev.viva.session.service.ProblemException;
import dev.viva.session.service.SessionFilter;

/** Reads the session list's query parameters; a value that cannot be read is a 400 naming the parameter. */
final class SessionFilters {

    private SessionFilters() {
    }

    static SessionFilter of(String candidate, String status, String from, String to, String category, int limit) {
        Instant start = instant("from", from, false);
        Instant end = instant("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        return new SessionFilter(blankToNull(candidate), status(status), start, end, blankToNull(category), limit);
    }

    private static SessionStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return SessionStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("status", "must be one of OPEN, COMPLETED, EXPIRED");
        }
    }

    /** A date (a whole day, UTC: {@code to} includes it) or an instant such as 2026-12-01T09:30:00Z. */
    private static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(name, "must be a date (2026-12-01) or a date-time with offset (2026-12-01T09:30:00Z)");
        }
    }

    private static ProblemException bad(String field, String message) {
        return new ProblemException(400, "Bad Request", "Query parameter " + field + " " + message,
                List.of(new FieldError(field, message)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
