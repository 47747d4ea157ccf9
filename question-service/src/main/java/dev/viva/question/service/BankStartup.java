package dev.viva.question.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.viva.question.config.BankConfig;
import io.quarkus.runtime.StartupEvent;

/** Loads the question bank files when the service starts (after Flyway has migrated the schema). */
@ApplicationScoped
public class BankStartup {

    private final BankService bank;
    private final BankConfig config;
    private volatile BankService.LoadReport lastReport;

    public BankStartup(BankService bank, BankConfig config) {
        this.bank = bank;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.loadAtStart()) {
            lastReport = bank.loadBank();
        }
    }

    /** What the load at start-up did; null when loading at start is off. */
    public BankService.LoadReport lastReport() {
        return lastReport;
    }
}
