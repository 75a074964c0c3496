package dev.supportdesk.aws.runtime;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Azure adapter's cold start in the benchmark's table: a fresh JVM running
 * {@code dev.supportdesk.azure.AzureColdStart} (azure test sources: the worker's instance injector builds
 * HttpApiFunction, then GET /health), timed from process launch to its FIRST_RESPONSE line. The class
 * path is {@code bench.azure.classpath}; the JVM options are the Function App's ({@code bench.azure.opts}).
 */
final class AzureStart {

    private AzureStart() {
    }

    static ColdStartBenchmark.Sample measure() throws Exception {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBinary, "-cp", System.getProperty("bench.azure.classpath")));
        String opts = System.getProperty("bench.azure.opts", "").trim();
        if (!opts.isEmpty()) {
            command.addAll(List.of(opts.split("\\s+")));
        }
        command.add("dev.supportdesk.azure.AzureColdStart");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of(
                // the app settings the context reads; storage is never called by GET /health
                "SUPPORTDESK_AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                        + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
                        + "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;"
                        + "TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
                "SUPPORTDESK_AZURE_TABLE_NAME", "tickets", "SUPPORTDESK_AZURE_CONTAINER_NAME", "uploads",
                "SUPPORTDESK_AZURE_JWKS_URI", "http://127.0.0.1:9/keys",
                "SUPPORTDESK_TOKEN_ISSUER", "https://issuer.example", "SUPPORTDESK_TOKEN_AUDIENCE", "supportdesk"));
        long start = System.nanoTime();
        Process process = builder.start();
        long first = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("FIRST_RESPONSE 200") && first < 0) {
                    first = (System.nanoTime() - start) / 1_000_000;
                }
                output.append(line).append('\n');
            }
        }
        if (process.waitFor() != 0 || first < 0) {
            throw new IllegalStateException("the Azure adapter did not answer GET /health:\n" + output);
        }
        return new ColdStartBenchmark.Sample(-1, first, -1, -1, -1);
    }
}
