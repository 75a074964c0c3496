package dev.supportdesk.azure.bicep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.testing.Checkov;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files around the template fit it: the parameters file names only parameters main.bicep
 * declares and sets every one without a default, every module main.bicep uses exists, the
 * Dockerfile copies the staging directory azure-functions-maven-plugin writes, and the checkov pin
 * is the version the tests expect.
 */
class BicepDeploymentFilesTest {

    private static final Pattern PARAM = Pattern.compile("(?m)^param\\s+(\\w+)\\s+(\\w+)(\\s*=)?");

    @Test
    void parametersFileSetsRequiredParametersAndNothingUnknown() throws IOException {
        String main = BicepSources.withoutComments(BicepSources.read(BicepSources.MAIN));
        Map<String, Boolean> declared = new LinkedHashMap<>();   // name → has a default
        Matcher m = PARAM.matcher(main);
        while (m.find()) {
            declared.put(m.group(1), m.group(3) != null);
        }
        assertThat(declared).as("parameters of %s", BicepSources.MAIN)
                .containsKeys("tableBackend", "containerRegistryName", "tokenIssuer", "tokenAudience", "jwksUri");

        JsonNode parameters = new ObjectMapper().readTree(BicepSources.read(BicepSources.BICEP_DIR + "/main.parameters.json"))
                .path("parameters");
        Set<String> given = new TreeSet<>();
        parameters.fieldNames().forEachRemaining(given::add);

        Set<String> unknown = new TreeSet<>(given);
        unknown.removeAll(declared.keySet());
        assertThat(unknown).as("parameters in main.parameters.json that main.bicep does not declare").isEmpty();

        Set<String> missing = new TreeSet<>();
        declared.forEach((name, hasDefault) -> {
            if (!hasDefault && !given.contains(name)) {
                missing.add(name);
            }
        });
        assertThat(missing).as("parameters without a default that main.parameters.json does not set").isEmpty();
        given.forEach(name -> assertThat(parameters.path(name).has("value")).as("%s has a value", name).isTrue());
    }

    @Test
    void tableBackendChoosesCosmosOrStorage() {
        String main = BicepSources.read(BicepSources.MAIN);
        Matcher allowed = Pattern.compile("@allowed\\(\\[\\s*'cosmos'\\s*'storage'\\s*\\]\\)\\s*param tableBackend string = '(cosmos|storage)'")
                .matcher(main);
        assertThat(allowed.find()).as("param tableBackend with @allowed(['cosmos', 'storage'])").isTrue();
        assertThat(main).contains("module cosmosTable 'modules/cosmosTable.bicep' = if (tableBackend == 'cosmos')")
                .contains("createTable: tableBackend == 'storage'");
        assertThat(BicepSources.read(BicepSources.BICEP_DIR + "/modules/cosmosTable.bicep"))
                .contains("name: 'EnableTable'").contains("name: 'EnableServerless'").contains("disableLocalAuth: true");
    }

    @Test
    void everyModuleExists() {
        String main = BicepSources.withoutComments(BicepSources.read(BicepSources.MAIN));
        Matcher m = Pattern.compile("(?m)^module\\s+\\w+\\s+'([^']+)'").matcher(main);
        int modules = 0;
        while (m.find()) {
            modules++;
            assertThat(BicepSources.repositoryRoot().resolve(BicepSources.BICEP_DIR).resolve(m.group(1)))
                    .as("module file %s", m.group(1)).isRegularFile();
        }
        assertThat(modules).as("modules in %s", BicepSources.MAIN).isGreaterThanOrEqualTo(6);
    }

    @Test
    void dockerfileBuildsOnTheFunctionsJava21ImageWithTesseractAndTheStagedApp() {
        String dockerfile = BicepSources.read("adapters/azure/Dockerfile");
        String pom = BicepSources.read("adapters/azure/pom.xml");
        Matcher appName = Pattern.compile("<functionAppName>([^<]+)</functionAppName>").matcher(pom);
        assertThat(appName.find()).as("functionAppName in adapters/azure/pom.xml").isTrue();
        assertThat(dockerfile)
                .containsPattern("(?m)^FROM mcr\\.microsoft\\.com/azure-functions/java:4-java21\\s*$")
                .contains("tesseract-ocr", "tesseract-ocr-eng", "libtesseract5")
                .contains("COPY target/azure-functions/" + appName.group(1) + "/ /home/site/wwwroot/");
        assertThat(BicepSources.read(BicepSources.FUNCTION_APP))
                .contains("linuxFxVersion: 'DOCKER|${registryLoginServer}/${image}'")
                .contains("acrUseManagedIdentityCreds: true");
    }

    @Test
    void checkovPinMatchesTheTest() {
        assertThat(BicepSources.read(BicepSources.BICEP_DIR + "/requirements-checkov.txt"))
                .containsPattern("(?m)^checkov==" + Pattern.quote(Checkov.VERSION) + "\\s*$");
    }
}
