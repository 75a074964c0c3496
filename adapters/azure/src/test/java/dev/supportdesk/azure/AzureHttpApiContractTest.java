package dev.supportdesk.azure;


import dev.supportdesk.contract.ApiContract;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API contract through {@link HttpApiFunction}, on Azurite Table and Blob storage. The Functions
 * host cannot run here, so requests reach the function as {@link FakeFunctionsHostRequest}s, built
 * the way the host builds them; bearer tokens are verified against a JWKS fetched over HTTP.
 */
class AzureHttpApiContractTest extends ApiContract {

    @RegisterExtension
    static final HttpApiOnEmulators httpApi = new HttpApiOnEmulators();

    @Override
    protected HttpResponse send(HttpRequest request) {
        return FakeFunctionsHostRequest.toNeutral(httpApi.function().run(FakeFunctionsHostRequest.of(request)));
    }

    @Override
    protected String token(String subject, String tenant, Role... roles) {
        return TestTokens.token(subject, tenant, roles);
    }

    @Test
    void aTokenSignedByAnUnpublishedKeyIsRefused() {
        String forged = TestTokens.forgedToken("mallory", tenant, Role.ADMIN);
        assertProblem(api.get("/tickets", forged), 401, "signature");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        String foreign = TestTokens.tokenFromIssuer("https://evil.example/", "mallory", tenant, Role.ADMIN);
        assertProblem(api.get("/tickets", foreign), 401, "refused");
    }

    @Test
    void identityHeadersWithoutATokenAreIgnored() {
        assertProblem(api.send("GET", "/tickets", null, null, null,
                "X-MS-CLIENT-PRINCIPAL-NAME", "admin-1", "X-MS-CLIENT-PRINCIPAL", "eyJ0ZW5hbnQiOiJ4In0="), 401, "Bearer");
    }
}
