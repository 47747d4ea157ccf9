package dev.viva.grader.service;

import java.util.function.Supplier;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** A short read in its own transaction, for code running outside a request or a bean method. */
final class QuarkusTx {
    private QuarkusTx() {
    }

    static <T> T call(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }
}
