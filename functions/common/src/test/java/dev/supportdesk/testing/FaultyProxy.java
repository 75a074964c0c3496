package dev.supportdesk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback in front of an emulator, for fault tests: it passes bytes through, or
 * swallows them (the service hangs: open connections and new ones get no answer), or resets every
 * connection (the service is down), or passes them late (the service is slow). The mode applies to
 * connections already open too, as a client's pooled keep-alive connections would meet it.
 */
public final class FaultyProxy implements AutoCloseable {

    private enum Mode { PASS, HANG, DOWN }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile long delayMillis;

    private FaultyProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
        Thread.ofVirtual().name("faulty-proxy-accept").start(this::acceptLoop);
    }

    /** A proxy to {@code target}'s host and port. */
    public static FaultyProxy to(URI target) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new FaultyProxy(server, new InetSocketAddress(target.getHost(), target.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The proxy's address, with the target's scheme. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Back to normal; connections that lost bytes while it hung are reset, as a restarted service's would be. */
    public void pass() {
        delayMillis = 0;
        if (mode != Mode.PASS) {
            open.forEach(FaultyProxy::reset);
            open.clear();
        }
        mode = Mode.PASS;
    }

    /** Bytes are accepted and never delivered, both ways: the service hangs. */
    public void hang() {
        mode = Mode.HANG;
    }

    /** Every open connection is reset and new ones are closed at once: the service is down. */
    public void down() {
        mode = Mode.DOWN;
        open.forEach(FaultyProxy::reset);
        open.clear();
    }

    /** Every chunk in either direction is held this long: the service is slow. */
    public void slow(Duration delay) {
        delayMillis = delay.toMillis();
        mode = Mode.PASS;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (mode == Mode.DOWN) {
                    reset(client);
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(target, 2_000);
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                // closed, or the target refused: the client's connection is dropped, as a real outage would
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                if (mode == Mode.PASS) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // one side closed or reset
        } finally {
            reset(from);
            reset(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(FaultyProxy::reset);
    }
}
