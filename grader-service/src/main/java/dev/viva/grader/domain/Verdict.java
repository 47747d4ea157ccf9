package dev.viva.grader.domain;

/** A key point's verdict; the wire format uses the upper-case names. */
public enum Verdict {
    COVERED(1.0), PARTIAL(0.5), MISSING(0.0);

    private final double credit;

    Verdict(double credit) {
        this.credit = credit;
    }

    public double credit() {
        return credit;
    }
}
