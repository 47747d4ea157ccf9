package dev.viva.session.domain;

public enum SessionStatus {
    OPEN, COMPLETED, EXPIRED
}
