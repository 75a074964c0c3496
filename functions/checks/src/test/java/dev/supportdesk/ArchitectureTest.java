package dev.supportdesk;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The allowed arrows between the core's modules. {@code functions/common} ({@code http}, {@code json},
 * {@code identity}, {@code domain}, {@code ports}, {@code config}) is used by every family and uses
 * none; {@code ocr} and {@code workflow} may use the published types of {@code tickets}; nothing else
 * crosses a family line. Inside a family only the HTTP edge ({@code *Routes}) and the Spring wiring
 * ({@code *Configuration}) see the HTTP model; business rules raise domain exceptions instead.
 */
class ArchitectureTest {

    private static final String[] COMMON = {"dev.supportdesk.http..", "dev.supportdesk.json..",
            "dev.supportdesk.identity..", "dev.supportdesk.domain..", "dev.supportdesk.ports..",
            "dev.supportdesk.config.."};
    private static final String[] FAMILIES = {"dev.supportdesk.tickets..", "dev.supportdesk.ocr..",
            "dev.supportdesk.predict..", "dev.supportdesk.workflow.."};

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.supportdesk");
    }

    @Test
    void theCoreImportsNoCloudSdk() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "com.amazonaws..", "software.amazon..", "com.microsoft.azure..", "com.azure..")
                .because("functions/ must run unchanged on every cloud; cloud SDKs belong in adapters/")
                .check(core);
    }

    @Test
    void theCoreImportsNoAdapter() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "dev.supportdesk.local..", "dev.supportdesk.aws..", "dev.supportdesk.azure..")
                .because("adapters depend on the core, never the other way round")
                .check(core);
    }

    @Test
    void commonKnowsNoFamily() {
        noClasses().that().resideInAnyPackage(COMMON)
                .should().dependOnClassesThat().resideInAnyPackage(FAMILIES)
                .because("functions/common is the shared kit every family builds on")
                .check(core);
    }

    @Test
    void ticketsAndPredictStandAlone() {
        noClasses().that().resideInAnyPackage("dev.supportdesk.tickets..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.supportdesk.ocr..", "dev.supportdesk.predict..", "dev.supportdesk.workflow..")
                .check(core);
        noClasses().that().resideInAnyPackage("dev.supportdesk.predict..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.supportdesk.tickets..", "dev.supportdesk.ocr..", "dev.supportdesk.workflow..")
                .check(core);
    }

    @Test
    void ocrAndWorkflowUseOnlyTicketsAndEachOtherNot() {
        noClasses().that().resideInAnyPackage("dev.supportdesk.ocr..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.supportdesk.predict..", "dev.supportdesk.workflow..")
                .check(core);
        noClasses().that().resideInAnyPackage("dev.supportdesk.workflow..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.supportdesk.predict..", "dev.supportdesk.ocr..")
                .because("the workflow re-runs OCR through its OcrReemitter port, which the runtime wires")
                .check(core);
    }

    @Test
    void onlyTheHttpEdgeOfAFamilySeesTheHttpModel() {
        noClasses().that().resideInAnyPackage(FAMILIES)
                .and(not(simpleNameEndingWith("Routes")))
                .and(not(simpleNameEndingWith("Configuration")))
                .should().dependOnClassesThat().resideInAnyPackage("dev.supportdesk.http..")
                .because("business rules raise domain exceptions; the routes map them to problems")
                .check(core);
    }

    @Test
    void familiesHaveNoCycles() {
        slices().matching("dev.supportdesk.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void everyModuleWasImported() {
        for (String type : List.of("dev.supportdesk.http.Router", "dev.supportdesk.tickets.TicketService",
                "dev.supportdesk.ocr.OcrService", "dev.supportdesk.predict.ModelRegistry",
                "dev.supportdesk.workflow.WorkflowSteps")) {
            assertThat(core.contain(type)).as(type).isTrue();
        }
        assertThat(core.stream().filter(resideInAnyPackage(FAMILIES)).count()).isGreaterThan(50);
    }
}
