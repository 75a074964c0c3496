package dev.supportdesk.local;

import dev.supportdesk.http.Headers;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Sends neutral requests to the local app over real HTTP/1.1, written on a plain socket: the request
 * line carries the raw query exactly as given, including malformed escapes such as {@code %zz} that
 * {@code java.net.URI} (and so {@code java.net.http}) refuses to send.
 */
final class LocalHttp {

    private static final Set<String> MANAGED = Set.of("content-length", "host", "connection");

    private LocalHttp() {
    }

    static HttpResponse send(int port, HttpRequest request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(port, request).getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.body());
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String head(int port, HttpRequest request) {
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(request.rawPath())
                .append(request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n")
                .append("Content-Length: ").append(request.body().length).append("\r\n");
        request.headers().forEach((name, values) -> {
            if (!MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
            }
        });
        return head.append("\r\n").toString();
    }

    private static HttpResponse read(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        Headers headers = new Headers();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        boolean chunked = headers.first("Transfer-Encoding").orElse("").equalsIgnoreCase("chunked");
        return new HttpResponse(code, headers, chunked ? chunks(in) : in.readAllBytes());
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        return body.toByteArray();
    }

    private static int chunkSize(InputStream in) throws IOException {
        return Integer.parseInt(line(in).split(";")[0].trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed mid-line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
