package dev.viva.question.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.viva.question.config.BankConfig;
import dev.viva.question.rest.StrictJson;

/** Reads and writes bank documents (YAML or JSON) and finds the bank files. */
@ApplicationScoped
public class BankReader {

    public static final String CLASSPATH_DIR = "bank/";
    public static final String CRITERIA_FILE = "criteria.yaml";

    /** One bank file: its document, or why it could not be read. */
    public record Source(String name, BankDocument document, String error) {
    }

    private final ObjectMapper yaml = YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** A JSON bank is read as strictly as every other request body. */
    private final ObjectMapper json = StrictJson.strict(JsonMapper.builder().build());

    private final BankYaml writer = new BankYaml();
    private final BankConfig config;

    public BankReader(BankConfig config) {
        this.config = config;
    }

    /** Parses a request body; a syntax or type error becomes a 400 naming where it is. */
    public BankDocument parse(String body, boolean isYaml) {
        try {
            BankDocument doc = (isYaml ? yaml : json).readValue(body, BankDocument.class);
            if (doc == null || doc.questions() == null) {
                throw ServiceException.malformed("questions", "is required: a list of questions in the bank format");
            }
            return doc;
        } catch (UnrecognizedPropertyException e) {
            throw ServiceException.malformed(path(e), "is not a field of the bank format");
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            if (e.getCause() instanceof JsonProcessingException syntax) {
                throw ServiceException.malformed(path(e), "is not valid " + (isYaml ? "YAML" : "JSON") + where(syntax));
            }
            throw ServiceException.malformed(path(e), "has the wrong type or shape");
        } catch (JsonProcessingException e) {
            throw ServiceException.malformed("body", "is not valid " + (isYaml ? "YAML" : "JSON") + where(e));
        }
    }

    /** Where a syntax error is, without the parser's own wording (which names Java types). */
    private static String where(JsonProcessingException e) {
        var at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    public String toYaml(BankDocument doc) {
        return writer.write(doc);
    }

    /** The criteria document: from {@code viva.bank.location} if it has one, else the shipped one. */
    public BankDocument criteria() {
        Optional<Path> external = config.location().map(Path::of).map(p -> p.resolve(CRITERIA_FILE)).filter(Files::isRegularFile);
        if (external.isPresent()) {
            return readFile(external.get());
        }
        return readClasspath(CLASSPATH_DIR + CRITERIA_FILE)
                .orElseThrow(() -> new IllegalStateException("The classpath has no " + CLASSPATH_DIR + CRITERIA_FILE));
    }

    /**
     * The bank files: {@code bank/<category>.yaml} for each configured category on the classpath,
     * then every {@code *.yaml} (except criteria.yaml) in {@code viva.bank.location}, sorted by name.
     */
    public List<Source> bankFiles() {
        List<Source> sources = new ArrayList<>();
        for (String category : config.categories()) {
            String name = CLASSPATH_DIR + category + ".yaml";
            try {
                readClasspath(name).ifPresent(doc -> sources.add(new Source("classpath:" + name, doc, null)));
            } catch (IllegalStateException e) {
                sources.add(new Source("classpath:" + name, null, e.getMessage()));
            }
        }
        config.location().map(Path::of).ifPresent(dir -> {
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("viva.bank.location " + dir + " is not a directory");
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                        .filter(p -> !p.getFileName().toString().equals(CRITERIA_FILE))
                        .sorted()
                        .forEach(p -> {
                            try {
                                sources.add(new Source(p.toString(), readFile(p), null));
                            } catch (IllegalStateException e) {
                                sources.add(new Source(p.toString(), null, e.getMessage()));
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return sources;
    }

    private Optional<BankDocument> readClasspath(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(yaml.readValue(in, BankDocument.class));
        } catch (IOException e) {
            throw new IllegalStateException("Bank file " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private BankDocument readFile(Path path) {
        try {
            return yaml.readValue(path.toFile(), BankDocument.class);
        } catch (IOException e) {
            throw new IllegalStateException("Bank file " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }
}
