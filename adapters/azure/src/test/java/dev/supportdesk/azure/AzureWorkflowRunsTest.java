package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import dev.supportdesk.azure.workflow.DurableWorkflowOrchestrator;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/**
 * POST /workflow/runs through the httpApi function schedules an orchestration whose instance id is
 * the run id, with the durable client of the invocation's binding (mocked: the host cannot run here).
 */
class AzureWorkflowRunsTest {

    @RegisterExtension
    static final HttpApiOnEmulators httpApi = new HttpApiOnEmulators();

    private static HttpResponse send(HttpRequest request, DurableClientContext durable) {
        return FakeFunctionsHostRequest.toNeutral(httpApi.function().run(FakeFunctionsHostRequest.of(request), durable, new FakeExecutionContext("httpApi")));
    }

    @Test
    void anAdminStartsAnOrchestrationNamedAfterTheRun() {
        DurableTaskClient client = mock(DurableTaskClient.class);
        DurableClientContext durable = mock(DurableClientContext.class);
        when(durable.getClient()).thenReturn(client);
        String admin = TestTokens.token("root", "acme", Role.ADMIN);

        HttpResponse started = send(HttpRequest.builder("POST", "/workflow/runs")
                .header("Authorization", "Bearer " + admin).build(), durable);

        assertThat(started.status()).as(started.bodyText()).isEqualTo(202);
        String runId = started.headers().first("Location").orElseThrow().substring("/workflow/runs/".length());
        ArgumentCaptor<NewOrchestrationInstanceOptions> options = ArgumentCaptor.forClass(NewOrchestrationInstanceOptions.class);
        verify(client).scheduleNewOrchestrationInstance(eq(DurableWorkflowOrchestrator.NAME), options.capture());
        assertThat(options.getValue().getInstanceId()).isEqualTo(runId);
        assertThat(send(HttpRequest.builder("GET", "/workflow/runs/" + runId)
                .header("Authorization", "Bearer " + admin).build(), durable).status()).isEqualTo(200);
    }

    @Test
    void withoutADurableClientTheRunIsRecordedAsFailedToStart() {
        // another tenant than the other test's run, which the mock engine leaves RUNNING (one run in flight per tickets)
        String admin = TestTokens.token("root", "initech", Role.ADMIN);
        HttpResponse refused = send(HttpRequest.builder("POST", "/workflow/runs")
                .header("Authorization", "Bearer " + admin).build(), null);
        assertThat(refused.status()).isEqualTo(500);
        assertThat(send(HttpRequest.builder("GET", "/workflow/runs")
                .header("Authorization", "Bearer " + TestTokens.token("a", "acme", Role.AGENT)).build(), null).status())
                .isEqualTo(403);
    }
}
