package dev.viva.local;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stops a child process and its descendants: politely first (SIGTERM), then forcibly. */
public final class ProcessTree {

    private ProcessTree() {
    }

    public static void stop(Process process, Duration grace) {
        stop(process.toHandle(), grace);
    }

    public static void stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        }
    }

    /** SIGKILL, with no chance to clean up: what a crash or an OOM kill looks like. */
    public static void kill(ProcessHandle handle) {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        handle.onExit().join();
    }
}
