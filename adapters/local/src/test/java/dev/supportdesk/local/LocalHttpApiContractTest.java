package dev.supportdesk.local;

import dev.supportdesk.contract.ApiContract;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import dev.supportdesk.local.tokens.TokenMinter;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The API contract against the local runtime, over real HTTP, with the H2 store and the blob folder. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "supportdesk.local.data-dir=target/test-data/contract-${random.uuid}")
class LocalHttpApiContractTest extends ApiContract {

    @LocalServerPort
    int port;

    @Autowired
    TokenMinter minter;

    @Override
    protected HttpResponse send(HttpRequest request) {
        return LocalHttp.send(port, request);
    }

    @Override
    protected String token(String subject, String tenant, Role... roles) {
        return minter.mint(subject, tenant, List.of(roles), Duration.ofMinutes(10)).token();
    }
}
