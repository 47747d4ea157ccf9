package dev.viva.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The overlays under overlays/, rendered once per test JVM (tests take deep copies). */
final class Overlays {

    static final Path ROOT = Path.of("").toAbsolutePath();
    private static final ConcurrentHashMap<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    static List<String> names() {
        try (Stream<Path> overlays = Files.list(ROOT.resolve("overlays"))) {
            return overlays.filter(path -> Files.isRegularFile(path.resolve("kustomization.yaml")))
                    .map(path -> path.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path directory(String overlay) {
        return ROOT.resolve("overlays").resolve(overlay);
    }

    /** A fresh copy of the rendered overlay, safe to change. */
    static List<ObjectNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> Kustomize.render(directory(name)))
                .stream().map(ObjectNode::deepCopy).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }
}
