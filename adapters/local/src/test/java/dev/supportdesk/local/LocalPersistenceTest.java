package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import dev.supportdesk.local.tokens.TokenMinter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The data directory survives a restart: tickets, and the signing key (old tokens stay valid). */
class LocalPersistenceTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(LocalApplication.class, "--server.port=0",
                "--supportdesk.local.data-dir=" + dataDir);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void ticketsAndTokensSurviveARestart() {
        String token;
        String location;
        try (ConfigurableApplicationContext first = start()) {
            token = first.getBean(TokenMinter.class).mint("alice", "acme", List.of(Role.CUSTOMER), Duration.ofMinutes(5)).token();
            HttpResponse created = LocalHttp.send(port(first), HttpRequest.builder("POST", "/tickets")
                    .header("Authorization", "Bearer " + token)
                    .jsonBody("{\"subject\":\"persist\",\"description\":\"me\"}").build());
            assertThat(created.status()).isEqualTo(201);
            location = created.headers().first("Location").orElseThrow();
        }
        try (ConfigurableApplicationContext second = start()) {
            HttpResponse read = LocalHttp.send(port(second), HttpRequest.builder("GET", location)
                    .header("Authorization", "Bearer " + token).build());
            assertThat(read.status()).as(read.bodyText()).isEqualTo(200);
            assertThat(read.bodyText()).contains("\"subject\":\"persist\"");
        }
    }
}
