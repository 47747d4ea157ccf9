package dev.viva.grader.config;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Decimals (costs in US dollars, stored with 8 places) are written as plain numbers: {@code 0.00000000},
 * never {@code 0E-8}, which some clients cannot read and no person wants to.
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature());
    }
}
