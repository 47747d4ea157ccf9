package dev.viva.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers: a taken port is a clear message, not a stack trace from deep inside a server. */
public final class Ports {

    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free loopback port", e);
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void requireFree(int port, String what) {
        requireFree(port, what, null);
    }

    /** As {@link #requireFree(int, String)}, naming the setting that chooses another port. */
    public static void requireFree(int port, String what, String setting) {
        if (isListening(port)) {
            throw new PortInUseException(port, what, setting);
        }
    }

    /** Thrown when a port Viva wants is already taken by another program. */
    public static final class PortInUseException extends IllegalStateException {
        public PortInUseException(int port, String what, String setting) {
            super("Port " + port + " for the " + what + " is already in use. Stop what uses it, or choose another port"
                    + (setting == null ? "." : " with " + setting + "."));
        }
    }
}
