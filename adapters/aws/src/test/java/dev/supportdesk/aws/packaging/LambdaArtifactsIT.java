package dev.supportdesk.aws.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Each AWS function's deployment package carries only what its entry point needs (run by failsafe,
 * after {@code package} built the zips): the API and workflow-step zip has no OCR engine binding and
 * no model runtime, the predict zip no OCR engine, the OCR zip no model runtime, and the smaller zips
 * drop nothing the others share.
 */
class LambdaArtifactsIT {

    private static final Path TARGET = Path.of("target");
    private static final Set<String> OCR_ONLY = Set.of("functions-ocr", "tess4j", "lept4j", "jna", "pdfbox",
            "pdfbox-io", "fontbox", "commons-io", "jboss-vfs", "jbig2-imageio");
    private static final Set<String> PREDICT_ONLY = Set.of("functions-predict", "onnxruntime");

    @Test
    void theCoreZipHasNeitherTheOcrEngineNorTheModelRuntime() throws IOException {
        Set<String> core = libraries("supportdesk-aws-core.zip");
        assertThat(core).contains("functions-common", "functions-tickets", "functions-workflow", "dynamodb", "s3",
                "commons-logging");
        assertThat(core).doesNotContainAnyElementsOf(OCR_ONLY).doesNotContainAnyElementsOf(PREDICT_ONLY);
        assertThat(classes("supportdesk-aws-core.zip"))
                .contains("dev/supportdesk/aws/HttpApiHandler.class", "dev/supportdesk/aws/StepHandler.class");
    }

    @Test
    void theApiAndWorkflowZipsCarryOnlyTheirOwnSdkClientJarsInLibAndTheirAotCache() throws IOException {
        Set<String> core = libraries("supportdesk-aws-core.zip");
        Set<String> api = libraries("supportdesk-aws-api.zip");
        Set<String> workflow = libraries("supportdesk-aws-workflow.zip");
        Set<String> neverLoaded = Set.of("spring-web", "spring-boot-autoconfigure", "nimbus-jose-jwt", "joda-time",
                "jackson-datatype-joda", "micrometer-observation", "micrometer-commons");
        assertThat(api).contains("supportdesk-aws.jar", "dynamodb", "s3", "sfn", "crac").doesNotContain("lambda")
                .doesNotContainAnyElementsOf(neverLoaded);
        // the API's and the workflow's catalog is RegisteredFunctions: none of what SCF's converting registry loads
        assertThat(api).doesNotContain("reactor-core", "spring-messaging");
        assertThat(workflow).doesNotContain("reactor-core", "spring-messaging");
        assertThat(workflow).contains("supportdesk-aws.jar", "dynamodb", "s3", "lambda", "crac").doesNotContain("sfn")
                .doesNotContainAnyElementsOf(neverLoaded);
        assertThat(core).containsAll(minus(api, Set.of("supportdesk-aws.jar")));
        for (String zip : new String[] {"supportdesk-aws-api.zip", "supportdesk-aws-workflow.zip"}) {
            Set<String> entries = entries(zip);
            // classes only in jars (an AOT cache takes none from directories), the cache, its class path and the wrapper
            assertThat(classes(zip)).as(zip).isEmpty();
            assertThat(entries).as(zip).contains("aot/app.aot", "aot/classpath.txt", "aot/wrapper");
            try (ZipFile archive = new ZipFile(TARGET.resolve(zip).toFile())) {
                String classpath = new String(archive.getInputStream(archive.getEntry("aot/classpath.txt")).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
                Set<String> jars = new TreeSet<>(classpath.lines().toList());
                assertThat(jars).as("the trained class path is every jar of " + zip)
                        .isEqualTo(new TreeSet<>(entries.stream().filter(e -> e.startsWith("lib/") && e.endsWith(".jar")).toList()));
            }
        }
        // the bar: 24.6 MB measured (14.0 MB code shrunk by src/shrink, 10.6 MB AOT cache; docs/benchmarks.md)
        assertThat(Files.size(TARGET.resolve("supportdesk-aws-api.zip"))).as("API zip").isLessThanOrEqualTo(25_000_000L);
    }

    @Test
    void thePredictZipCarriesTheModelRuntimeButNoOcrEngine() throws IOException {
        Set<String> predict = libraries("supportdesk-aws-predict.zip");
        assertThat(predict).contains("functions-predict", "onnxruntime", "s3");
        assertThat(predict).doesNotContainAnyElementsOf(OCR_ONLY);
        assertThat(classes("supportdesk-aws-predict.zip")).contains("dev/supportdesk/aws/PredictHandler.class");
    }

    @Test
    void theOcrZipCarriesTheEngineButNoModelRuntime() throws IOException {
        Set<String> ocr = libraries("supportdesk-aws-ocr.zip");
        assertThat(ocr).contains("functions-ocr", "tess4j", "pdfbox", "jna");
        assertThat(ocr).doesNotContainAnyElementsOf(PREDICT_ONLY);
        assertThat(classes("supportdesk-aws-ocr.zip")).contains("dev/supportdesk/aws/S3UploadHandler.class");
    }

    @Test
    void theZipsDifferOnlyByTheirFamilysOwnLibraries() throws IOException {
        Set<String> core = libraries("supportdesk-aws-core.zip");
        Set<String> predict = libraries("supportdesk-aws-predict.zip");
        Set<String> ocr = libraries("supportdesk-aws-ocr.zip");
        assertThat(minus(predict, core)).as("in the predict zip only").isEqualTo(PREDICT_ONLY);
        assertThat(OCR_ONLY).as("in the OCR zip only").containsAll(minus(ocr, core));
        assertThat(minus(core, predict)).as("dropped from the predict zip").isEmpty();
        assertThat(minus(core, ocr)).as("dropped from the OCR zip").isEmpty();
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> difference = new TreeSet<>(a);
        difference.removeAll(b);
        return difference;
    }

    /** The artifact ids of the jars under {@code lib/} (the name without its version). */
    private static Set<String> libraries(String zip) throws IOException {
        Set<String> libraries = new TreeSet<>();
        for (String name : entries(zip)) {
            if (name.startsWith("lib/") && name.endsWith(".jar")) {
                libraries.add(name.substring(4).replaceFirst("-\\d[^-]*(-[A-Za-z0-9.]+)?\\.jar$", "")
                        .replaceFirst("-\\d.*\\.jar$", ""));
            }
        }
        return libraries;
    }

    private static Set<String> classes(String zip) throws IOException {
        Set<String> classes = new TreeSet<>();
        for (String name : entries(zip)) {
            if (!name.startsWith("lib/") && name.endsWith(".class")) {
                classes.add(name);
            }
        }
        return classes;
    }

    private static Set<String> entries(String zip) throws IOException {
        Path file = TARGET.resolve(zip);
        assertThat(Files.isRegularFile(file)).as(file + " (built by the package phase)").isTrue();
        try (ZipFile archive = new ZipFile(file.toFile())) {
            Set<String> names = new TreeSet<>();
            for (ZipEntry entry : Collections.list(archive.entries())) {
                names.add(entry.getName());
            }
            return names;
        }
    }
}
