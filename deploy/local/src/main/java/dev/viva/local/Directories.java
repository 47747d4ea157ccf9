package dev.viva.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Removing the folders the local infrastructure writes: data on reset, temporary folders after tests. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything in it; nothing happens when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Best effort: a leftover temporary folder is harmless. */
    public static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException | RuntimeException ignored) {
            // left for the operating system's temp cleaner
        }
    }
}
