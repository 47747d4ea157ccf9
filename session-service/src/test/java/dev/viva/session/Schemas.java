package dev.viva.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The shared wire contracts under deploy/contracts, read from the module directory. */
final class Schemas {

    private static final Path CONTRACTS = Path.of("..", "deploy", "contracts");

    private Schemas() {
    }

    static JsonSchema load(String file) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(CONTRACTS.resolve(file))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The violations, as readable lines; empty when the document conforms. */
    static Set<String> violations(String file, JsonNode document) {
        Set<ValidationMessage> messages = load(file).validate(document);
        return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }
}
