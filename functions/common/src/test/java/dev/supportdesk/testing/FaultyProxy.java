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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A TCP proxy on loopback in front of an emulator, for fault tests: it passes bytes through, or
 * swallows them (the service hangs: open connections and new ones get no answer), or resets every
 * connection (the service is down), or passes them late (the service is slow). The mode applies to
 * connections already open too, as a client's pooled keep-alive connections would meet it. It can
 * also pass requests and lose the answers: the write lands, the client never hears of it.
 */
public final class FaultyProxy implements AutoCloseable {

    private enum Mode { PASS, HANG, DOWN, LOSE_ANSWERS }

    private static final Pattern REQUEST_LINE = Pattern.compile("[A-Z]+ \\S+ HTTP/1\\.[01]\r\n");

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile long delayMillis;
    private volatile String lostMarker = "";

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

    /**
     * Requests reach the service and its answers are swallowed: what it writes is written, the client
     * waits and times out (its SDK retries, and the retry meets the state the first attempt left).
     * {@link #pass()} then resets the connections, as a lost connection would be.
     */
    public void loseAnswers() {
        loseAnswersTo("");
    }

    /**
     * Like {@link #loseAnswers()}, but only for requests whose bytes contain {@code marker} (say
     * {@code DynamoDB_20120810.PutItem}, the operation's {@code X-Amz-Target}); other answers pass.
     */
    public void loseAnswersTo(String marker) {
        lostMarker = marker;
        mode = Mode.LOSE_ANSWERS;
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
                AtomicBoolean losing = new AtomicBoolean();
                Thread.ofVirtual().start(() -> pump(client, upstream, false, losing));
                Thread.ofVirtual().start(() -> pump(upstream, client, true, losing));
            } catch (IOException e) {
                // closed, or the target refused: the client's connection is dropped, as a real outage would
            }
        }
    }

    /** {@code losing}: whether the answer to the request last sent on this connection is to be lost. */
    private void pump(Socket from, Socket to, boolean answers, AtomicBoolean losing) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                if (!answers && mode == Mode.LOSE_ANSWERS) {
                    String chunk = new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                    if (REQUEST_LINE.matcher(chunk).lookingAt()) {
                        // A new request on this connection (its headers come in its first chunk).
                        losing.set(chunk.contains(lostMarker));
                    }
                }
                if (mode == Mode.PASS || (mode == Mode.LOSE_ANSWERS && (!answers || !losing.get()))) {
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
