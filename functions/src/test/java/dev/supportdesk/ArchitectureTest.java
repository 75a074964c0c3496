package dev.supportdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core stays cloud-neutral: no AWS or Azure type, and no adapter type, anywhere in functions/. */
class ArchitectureTest {

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
    void theCoreWasImported() {
        org.assertj.core.api.Assertions.assertThat(core.contain("dev.supportdesk.http.Router")).isTrue();
    }
}
