package dev.supportdesk.azure;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Azurite (npm {@code azurite}, started as a process; CI installs it with
 * {@code npm install -g azurite@3.37.0}) stands in for Table, Blob and Queue Storage, in memory, on free
 * ports; it is stopped when the JVM exits. If azurite is missing the tests fail and say how to install it.
 */
final class Emulators {

    static final String AZURITE_VERSION = "3.37.0";
    static final String TABLE = "supportdesktest";
    static final String CONTAINER = "supportdesk-uploads";
    private static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's well-known development account key (public, documented by Microsoft). */
    private static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static String connectionString;

    private Emulators() {
    }

    static synchronized String connectionString() {
        if (connectionString == null) {
            int blobPort = freePort();
            int queuePort = freePort();
            int tablePort = freePort();
            Process azurite = startAzurite(Path.of("target", "azurite"), true, blobPort, queuePort, tablePort);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                azurite.descendants().forEach(ProcessHandle::destroy);
                azurite.destroy();
            }));
            connectionString = connectionString(blobPort, queuePort, tablePort);
            prepare(connectionString);
        }
        return connectionString;
    }

    /** The development account on an Azurite listening on these ports. */
    static String connectionString(int blobPort, int queuePort, int tablePort) {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";BlobEndpoint=http://127.0.0.1:" + blobPort + "/" + ACCOUNT
                + ";QueueEndpoint=http://127.0.0.1:" + queuePort + "/" + ACCOUNT
                + ";TableEndpoint=http://127.0.0.1:" + tablePort + "/" + ACCOUNT + ";";
    }

    /** The table, the uploads container and the given queues (each with its {@code -poison} queue), as the template creates them. */
    static void prepare(String connectionString, String... queues) {
        JdkHttpClientBuilder http = new JdkHttpClientBuilder();
        new TableServiceClientBuilder().connectionString(connectionString).httpClient(http.build())
                .buildClient().createTableIfNotExists(TABLE);
        new BlobServiceClientBuilder().connectionString(connectionString).httpClient(http.build()).buildClient()
                .getBlobContainerClient(CONTAINER).createIfNotExists();
        for (String queue : queues) {
            for (String name : List.of(queue, queue + "-poison")) {
                new QueueClientBuilder().connectionString(connectionString).queueName(name).httpClient(http.build())
                        .buildClient().createIfNotExists();
            }
        }
    }

    static TableClient table() {
        return new TableServiceClientBuilder().connectionString(connectionString())
                .httpClient(new JdkHttpClientBuilder().build()).buildClient().getTableClient(TABLE);
    }

    static BlobContainerClient container() {
        return new BlobServiceClientBuilder().connectionString(connectionString())
                .httpClient(new JdkHttpClientBuilder().build()).buildClient().getBlobContainerClient(CONTAINER);
    }

    /**
     * The Azure runtime's Spring context, on Azurite, trusting tokens of {@link TestTokens}, with an OCR
     * queue of its own (created here, as the template creates it).
     */
    static ConfigurableApplicationContext azureContext() {
        return AzureRuntime.start(properties());
    }

    /** The same with extra properties. */
    static ConfigurableApplicationContext azureContext(Map<String, Object> extra) {
        Map<String, Object> properties = new java.util.HashMap<>(properties());
        properties.putAll(extra);
        return AzureRuntime.start(properties);
    }

    static QueueClient queue(String name) {
        return new QueueClientBuilder().connectionString(connectionString()).queueName(name)
                .messageEncoding(QueueMessageEncoding.BASE64).httpClient(new JdkHttpClientBuilder().build()).buildClient();
    }

    static Map<String, Object> properties() {
        String ocrQueue = "ocr-" + UUID.randomUUID().toString().substring(0, 8);
        queue(ocrQueue).createIfNotExists();
        queue(ocrQueue + "-poison").createIfNotExists();
        return properties(connectionString(), ocrQueue);
    }

    /** The runtime's settings for the Azurite of {@code connectionString}, whose OCR queue is {@code ocrQueue}. */
    static Map<String, Object> properties(String connectionString, String ocrQueue) {
        return Map.of(
                "supportdesk.azure.ocr-queue-name", ocrQueue,
                "supportdesk.azure.storage-connection-string", connectionString,
                "supportdesk.azure.table-name", TABLE,
                "supportdesk.azure.container-name", CONTAINER,
                "supportdesk.azure.jwks-uri", TestTokens.jwksUri(),
                "supportdesk.token.issuer", TestTokens.ISSUER,
                "supportdesk.token.audience", TestTokens.AUDIENCE);
    }

    /**
     * Starts Azurite on these ports and waits until they are open. {@code inMemory}: nothing is kept on
     * disk; otherwise its data lives in {@code location}, so that it survives a restart (as in
     * {@link AzuriteRestartTest}).
     */
    static Process startAzurite(Path location, boolean inMemory, int blobPort, int queuePort, int tablePort) {
        List<String> command = new java.util.ArrayList<>(List.of("azurite", "--silent", "--disableTelemetry",
                "--skipApiVersionCheck",
                "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(blobPort),
                "--queueHost", "127.0.0.1", "--queuePort", Integer.toString(queuePort),
                "--tableHost", "127.0.0.1", "--tablePort", Integer.toString(tablePort)));
        if (inMemory) {
            command.add("--inMemoryPersistence");
        }
        Process process;
        try {
            Files.createDirectories(location);
            process = new ProcessBuilder(command)
                    .directory(location.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(location.resolve("azurite.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start azurite, the Azure Storage emulator these tests need: "
                    + "install it with `npm install -g azurite@" + AZURITE_VERSION + "` (Node.js 20 or later)", e);
        }
        awaitPorts(process, List.of(blobPort, queuePort, tablePort));
        return process;
    }

    /** Stops Azurite as a service stop would (SIGTERM: it closes its servers and saves its data), and waits. */
    static void stopAzurite(Process azurite) {
        azurite.descendants().forEach(ProcessHandle::destroy);
        azurite.destroy();
        try {
            if (!azurite.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                azurite.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitPorts(Process azurite, List<Integer> ports) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int port : ports) {
            while (true) {
                if (!azurite.isAlive()) {
                    throw new IllegalStateException("azurite exited; see target/azurite/azurite.log");
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("azurite did not open port " + port
                                + " within 30 s; see target/azurite/azurite.log");
                    }
                    sleep();
                }
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
