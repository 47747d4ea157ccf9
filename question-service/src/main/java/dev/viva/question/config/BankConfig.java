package dev.viva.question.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the question bank comes from and what it may contain. */
@ConfigMapping(prefix = "viva.bank")
public interface BankConfig {

    /**
     * The categories questions may belong to. The shipped bank has one file per category,
     * {@code bank/<category>.yaml} on the classpath, so this list is also the bank's file index
     * (a packaged jar cannot list a classpath directory).
     */
    @WithDefault("foundations,transformers,generative-models,training,rag,prompting,evaluation,serving,multimodal,safety,platforms")
    List<String> categories();

    /** Loads the shipped bank (and {@link #location()}) when the service starts. */
    @WithDefault("true")
    boolean loadAtStart();

    /**
     * An extra directory of bank files ({@code *.yaml}, same format) loaded after the shipped bank
     * into the shared bank; a {@code criteria.yaml} there replaces the shipped default criteria.
     */
    Optional<String> location();

    /** Paging of question lists. */
    Paging paging();

    interface Paging {
        /** Page size when the caller gives none. */
        @WithDefault("20")
        int defaultSize();

        /** Largest page size a caller may ask for. */
        @WithDefault("100")
        int maxSize();
    }
}
