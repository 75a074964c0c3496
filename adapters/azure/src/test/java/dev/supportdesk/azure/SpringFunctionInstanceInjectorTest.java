package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The worker's injector hands out one instance per function class, built with the Spring context. */
class SpringFunctionInstanceInjectorTest {

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() {
        context = Emulators.azureContext();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void buildsFunctionClassesFromTheContext() {
        Object function = SpringFunctionInstanceInjector.create(WorkflowTimerFunction.class, context);
        assertThat(function).isInstanceOf(WorkflowTimerFunction.class);
        assertThat(((WorkflowTimerFunction) function).handle("{}",
                org.mockito.Mockito.mock(com.microsoft.durabletask.DurableTaskClient.class), Logger.getAnonymousLogger()))
                .startsWith("STARTED");
        Object workflow = SpringFunctionInstanceInjector.create(dev.supportdesk.azure.workflow.WorkflowFunctions.class,
                context);
        assertThat(workflow).isInstanceOf(dev.supportdesk.azure.workflow.WorkflowFunctions.class);
    }

    @Test
    void refusesClassesWithoutAContextConstructor() {
        assertThatThrownBy(() -> SpringFunctionInstanceInjector.create(String.class, context))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("constructor taking the ApplicationContext");
    }
}
