package dev.supportdesk.aws.runtime;

import static dev.supportdesk.aws.template.SamTemplate.list;
import static dev.supportdesk.aws.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.supportdesk.aws.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OCR function's image, as {@code adapters/aws/Dockerfile} builds it, agrees with what
 * {@code sam/template.yaml} declares for it and with the code: entry point (the Java Runtime
 * Interface Client, whose jars the build copies where the image takes them), handler, architecture
 * build argument, environment, Java version, and packages that exist in the base's distribution.
 */
class OcrImageConsistencyTest {

    private static final String FUNCTION = "UploadFunction";

    private static Map<String, Object> template;
    private static Map<String, Object> resource;
    private static LambdaFunction function;
    private static Dockerfile dockerfile;
    private static Map<String, Object> buildArgs;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load();
        resource = map(map(template.get("Resources")).get(FUNCTION));
        function = LambdaFunction.fromTemplate(FUNCTION, LambdaFunction.Names.of("supportdesk", Map.of("TicketsTable", "t")));
        dockerfile = function.dockerfile();
        buildArgs = map(map(resource.get("Metadata")).get("DockerBuildArgs"));
    }

    @Test
    void theFunctionIsTheImageTheDockerfileBuilds() {
        Map<String, Object> properties = map(resource.get("Properties"));
        assertThat(properties.get("PackageType")).isEqualTo("Image");
        assertThat(dockerfile).as("Metadata.DockerContext/Dockerfile").isNotNull();
        assertThat(dockerfile.path()).isRegularFile();
        assertThat(map(resource.get("Metadata")).get("DockerTag")).as("Metadata.DockerTag").isNotNull();
        assertThat(function.artifact().getFileName().toString()).as("LAMBDA_ZIP").endsWith(".zip");
        // Path.startsWith compares names only: the zip need not exist yet (it is built in package).
        assertThat(function.artifact().normalize().startsWith(dockerfile.path().getParent().resolve("target").normalize()))
                .as("the zip the image carries (%s) is built by this module", function.artifact()).isTrue();
    }

    @Test
    void theEntryPointIsTheRuntimeInterfaceClientOnTheImagesJava() throws IOException {
        List<String> entrypoint = function.entrypoint();
        assertThat(entrypoint).hasSize(4);
        assertThat(entrypoint.get(3)).isEqualTo(LambdaFunction.RIC_MAIN);
        assertThat(entrypoint.get(1)).isEqualTo("-cp");
        String javaHome = dockerfile.env().get("JAVA_HOME");
        assertThat(entrypoint.get(0)).as("java of JAVA_HOME").isEqualTo(javaHome + "/bin/java");
        assertThat(dockerfile.copies()).as("the JRE is copied from the java stage")
                .anyMatch(copy -> copy.startsWith("--from=java ") && copy.endsWith(" " + javaHome));

        String ricDir = entrypoint.get(2).replaceAll("/\\*$", "");
        Path source = function.pathsInImage().get(ricDir);
        assertThat(source).as("a COPY of a build directory to " + ricDir).isNotNull();
        assertThat(source).isEqualTo(dockerfile.path().getParent().resolve("target/lambda-ric"));
        String pom = Files.readString(dockerfile.path().getParent().resolve("pom.xml"));
        assertThat(pom).as("adapters/aws/pom.xml copies the RIC to target/lambda-ric")
                .contains("<outputDirectory>${project.build.directory}/lambda-ric</outputDirectory>")
                .contains("<artifactId>aws-lambda-java-runtime-interface-client</artifactId>");
        assertThat(dockerfile.workdir()).as("the RIC loads the handler from its working directory")
                .isEqualTo(LambdaFunction.TASK_ROOT);
        assertThat(dockerfile.env()).containsEntry("LAMBDA_TASK_ROOT", LambdaFunction.TASK_ROOT);
        assertThat(dockerfile.copies()).anyMatch(copy -> copy.startsWith("--from=unpack ") && copy.endsWith(" /var/task/"));
    }

    @Test
    void theHandlerIsAStreamHandlerOfTheCode() throws Exception {
        List<String> command = list(map(map(resource.get("Properties")).get("ImageConfig")).get("Command")).stream()
                .map(String::valueOf).toList();
        assertThat(command).as("ImageConfig.Command and the Dockerfile's CMD").containsExactlyElementsOf(dockerfile.cmd());
        String[] parts = function.handler().split("::");
        assertThat(parts).hasSize(2);
        Class<?> handler = Class.forName(parts[0]);
        assertThat(RequestStreamHandler.class).isAssignableFrom(handler);
        Method method = handler.getMethod(parts[1], InputStream.class, OutputStream.class, Context.class);
        assertThat(Modifier.isPublic(method.getModifiers())).isTrue();
        assertThat(handler.getConstructor()).as("the RIC needs a public no-argument constructor").isNotNull();
    }

    @Test
    void theArchitectureBuildArgumentIsTheFunctionsArchitecture() {
        assertThat(dockerfile.args()).containsKey("LAMBDA_ARCH");
        assertThat(dockerfile.args().get("LAMBDA_ARCH")).as("empty default: builds for any platform").isEmpty();
        assertThat(dockerfile.runs()).as("the build checks the platform against LAMBDA_ARCH")
                .anyMatch(run -> run.contains("dpkg --print-architecture") && run.contains("LAMBDA_ARCH"));
        assertThat(buildArgs.get("LAMBDA_ARCH")).as("DockerBuildArgs.LAMBDA_ARCH vs Architectures")
                .isEqualTo(function.architecture());
        assertThat(dockerfile.args().keySet()).as("every DockerBuildArgs key is an ARG of the Dockerfile")
                .containsAll(buildArgs.keySet());
    }

    @Test
    void theImageAndTheTemplateSetTheSameEnvironment() {
        Map<String, String> declared = new LinkedHashMap<>();
        for (Object source : List.of(map(template.get("Globals")).get("Function"), resource.get("Properties"))) {
            map(map(map(source).get("Environment")).get("Variables")).forEach((k, v) -> declared.put(k, String.valueOf(v)));
        }
        List<String> conflicts = new ArrayList<>();
        dockerfile.env().forEach((name, value) -> {
            if (declared.containsKey(name) && !declared.get(name).equals(value)) {
                conflicts.add(name + ": image " + value + ", template " + declared.get(name));
            }
        });
        assertThat(conflicts).as("a variable both set must have one value").isEmpty();
        assertThat(dockerfile.env()).containsEntry("OMP_THREAD_LIMIT", "1");
        assertThat(declared).containsEntry("OMP_THREAD_LIMIT", "1");
        assertThat(dockerfile.env()).containsKey("TESSDATA_PREFIX");
        assertThat(declared).as("empty: the engine takes TESSDATA_PREFIX, which the image sets")
                .containsEntry("SUPPORTDESK_OCR_TESSDATA", "");
        assertThat(dockerfile.runs()).as("the build checks the trained data is where TESSDATA_PREFIX says")
                .anyMatch(run -> run.contains("${TESSDATA_PREFIX}/eng.traineddata"));
    }

    @Test
    /**
     * The image's JRE is the major the code is compiled for; a zip function's managed runtime may be
     * newer (the API and workflow functions run on java25 for their JDK AOT cache, which
     * ZipFunctionsAotCacheIT ties to the JDK that trained it) but never older than the bytecode.
     */
    void theImageRunsTheCompiledJavaMajorAndNoZipFunctionRunsAnOlderOne() throws IOException {
        String rootPom = Files.readString(SamTemplate.repositoryRoot().resolve("pom.xml"));
        Matcher release = Pattern.compile("<java.release>(\\d+)</java.release>").matcher(rootPom);
        assertThat(release.find()).as("java.release in the root pom").isTrue();
        assertThat(function.javaMajor()).isEqualTo(Integer.parseInt(release.group(1)));
        map(template.get("Resources")).forEach((id, value) -> {
            Object runtime = map(map(value).get("Properties")).get("Runtime");
            if (runtime != null && runtime.toString().startsWith("java")) {
                assertThat(Integer.parseInt(runtime.toString().substring("java".length()))).as(id + ".Runtime")
                        .isGreaterThanOrEqualTo(function.javaMajor());
            }
        });
        assertThat(dockerfile.baseImages()).anyMatch(image -> image.endsWith("eclipse-temurin:${JAVA_MAJOR}-jre"));
    }

    /**
     * Every package the image installs exists in Debian 12, the base's distribution: this machine
     * (Debian 12, as CI's) has each installed from it, and Tesseract is of the series the build asserts.
     */
    @Test
    void theImagesPackagesExistInItsBasesDistribution() throws Exception {
        String base = dockerfile.baseImages().get(dockerfile.baseImages().size() - 1);
        assertThat(base).contains("debian:bookworm");
        String osRelease = Files.readString(Path.of("/etc/os-release"));
        assertThat(osRelease).as("the package check needs a Debian 12 (bookworm) machine, as CI's; this is not one")
                .contains("VERSION_CODENAME=bookworm");
        List<String> packages = dockerfile.aptPackages();
        assertThat(packages).contains("tesseract-ocr", "tesseract-ocr-eng", "libtesseract5", "liblept5");
        Map<String, String> versions = new LinkedHashMap<>();
        for (String name : packages) {
            Process p = new ProcessBuilder("dpkg-query", "-W", "-f", "${Version}", name).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(p.waitFor()).as("dpkg-query -W %s: %s (install it from Debian 12 as .ci/run does)", name, out).isZero();
            versions.put(name, out);
        }
        assertThat(versions.get("tesseract-ocr")).startsWith(dockerfile.args().get("TESSERACT_SERIES") + ".");
    }

    @Test
    void ciInstallsTheEmulatorVersionTheTestsName() throws IOException {
        String ci = Files.readString(SamTemplate.repositoryRoot().resolve(".ci/run"));
        String version = LambdaEmulator.RIE_INSTALL.replaceAll(".*@", "");
        assertThat(ci).contains("aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie").contains(version);
    }
}
