package dev.supportdesk.aws.runtime;

import static dev.supportdesk.aws.template.SamTemplate.list;
import static dev.supportdesk.aws.template.SamTemplate.map;

import dev.supportdesk.aws.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One function of {@code sam/template.yaml} as Lambda would run it, read from the template and
 * nothing else: its artifact (the zip of {@code CodeUri}, or for an image the zip its Dockerfile
 * copies), the command that starts its runtime (an image's {@code ENTRYPOINT} + {@code CMD} as
 * {@code ImageConfig} leaves them; for a zip, the managed Java runtime's Runtime Interface Client),
 * its environment (the image's {@code ENV}, then {@code Globals}, then the function's own, the order
 * in which Lambda lets one override the other), memory, timeout and architecture. When zips are
 * renamed or split, this follows the template.
 *
 * @param logicalId the resource's logical id
 * @param packageType {@code Zip} or {@code Image}
 * @param artifact the deployment zip whose content becomes the task root
 * @param entrypoint the runtime's command in the image's file system (handler not included)
 * @param handler the handler string ({@code Handler}, or an image's command)
 * @param environment the function's environment, intrinsics resolved
 * @param memorySizeMb {@code MemorySize}
 * @param timeoutSeconds {@code Timeout}
 * @param architecture {@code x86_64} or {@code arm64}
 * @param javaMajor the Java major version the function runs on ({@code Runtime: javaNN}, or the
 *     image's {@code JAVA_MAJOR} build argument)
 * @param dockerfile the image's Dockerfile, or null for a zip
 * @param pathsInImage directories of the image's file system and the local directories they come
 *     from (an image's {@code COPY} of a build-context directory); the runner maps these
 */
public record LambdaFunction(String logicalId, String packageType, Path artifact, List<String> entrypoint,
        String handler, Map<String, String> environment, int memorySizeMb, int timeoutSeconds, String architecture,
        int javaMajor, Dockerfile dockerfile, Map<String, Path> pathsInImage) {

    /** Where Lambda puts the function's code, and the managed runtime's working directory. */
    public static final String TASK_ROOT = "/var/task";
    /** The Java Runtime Interface Client's main class: the managed java runtimes run it too. */
    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Where a zip function's runner finds the RIC's jars (filled by the Maven build). */
    static final String RIC_DIR_IN_IMAGE = "/var/runtime/ric";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    /** Values for the template's pseudo parameters and resources; parameters take their defaults. */
    public record Names(String stackName, String accountId, String region, Map<String, String> resources) {

        public static Names of(String stackName, Map<String, String> resources) {
            return new Names(stackName, "123456789012", "us-east-1", resources);
        }
    }

    /** The function {@code logicalId} of {@code sam/template.yaml}. */
    public static LambdaFunction fromTemplate(String logicalId, Names names) {
        Map<String, Object> template;
        try {
            template = SamTemplate.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path samDir = SamTemplate.templateFile().getParent();
        Map<String, Object> resource = map(map(template.get("Resources")).get(logicalId));
        if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
            throw new IllegalArgumentException(logicalId + " is not an AWS::Serverless::Function of " + SamTemplate.TEMPLATE);
        }
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        Map<String, Object> properties = map(resource.get("Properties"));
        Resolver resolver = new Resolver(template, names);

        String packageType = String.valueOf(property(properties, globals, "PackageType", "Zip"));
        Map<String, String> environment = new LinkedHashMap<>();
        Dockerfile dockerfile = null;
        Map<String, Path> paths = new LinkedHashMap<>();
        Path artifact;
        List<String> entrypoint;
        String handler;
        int javaMajor;
        if (packageType.equals("Image")) {
            Map<String, Object> metadata = map(resource.get("Metadata"));
            Path context = samDir.resolve(String.valueOf(metadata.get("DockerContext"))).normalize();
            dockerfile = Dockerfile.read(context.resolve(String.valueOf(metadata.getOrDefault("Dockerfile", "Dockerfile"))));
            Map<String, Object> buildArgs = map(metadata.get("DockerBuildArgs"));
            artifact = context.resolve(dockerfile.arg("LAMBDA_ZIP", buildArgs)).normalize();
            javaMajor = Integer.parseInt(dockerfile.arg("JAVA_MAJOR", buildArgs));
            Map<String, Object> imageConfig = map(properties.get("ImageConfig"));
            entrypoint = imageConfig.containsKey("EntryPoint") ? strings(imageConfig.get("EntryPoint")) : dockerfile.entrypoint();
            List<String> command = imageConfig.containsKey("Command") ? strings(imageConfig.get("Command")) : dockerfile.cmd();
            if (command.size() != 1) {
                throw new IllegalStateException(logicalId + ": expected one handler as the image's command, got " + command);
            }
            handler = command.get(0);
            environment.putAll(dockerfile.env());
            for (String copy : dockerfile.copies()) {
                String[] words = copy.split("\\s+");
                if (words.length == 2 && !words[0].startsWith("--") && words[0].endsWith("/")) {
                    paths.put(strip(words[1]), context.resolve(words[0]).normalize());
                }
            }
        } else {
            artifact = samDir.resolve(String.valueOf(properties.get("CodeUri"))).normalize();
            String runtime = String.valueOf(property(properties, globals, "Runtime", ""));
            if (!runtime.matches("java\\d+")) {
                throw new IllegalStateException(logicalId + ": runtime " + runtime + " is not a managed Java runtime");
            }
            javaMajor = Integer.parseInt(runtime.substring(4));
            handler = String.valueOf(property(properties, globals, "Handler", ""));
            // The managed runtime starts the same RIC with the function's code in /var/task.
            entrypoint = List.of("java", "-cp", RIC_DIR_IN_IMAGE + "/*", RIC_MAIN);
            environment.put("LAMBDA_TASK_ROOT", TASK_ROOT);
            paths.put(RIC_DIR_IN_IMAGE, samDir.resolve("../adapters/aws/target/lambda-ric").normalize());
        }
        for (Map<String, Object> source : List.of(globals, properties)) {
            map(map(source.get("Environment")).get("Variables"))
                    .forEach((name, value) -> environment.put(name, resolver.resolve(value, logicalId + ".Environment." + name)));
        }
        Object functionName = properties.get("FunctionName");
        String name = functionName == null ? names.stackName() + "-" + logicalId : resolver.resolve(functionName, "FunctionName");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", name);
        List<?> architectures = list(property(properties, globals, "Architectures", List.of("x86_64")));
        return new LambdaFunction(logicalId, packageType, artifact, List.copyOf(entrypoint), handler, environment,
                Integer.parseInt(String.valueOf(property(properties, globals, "MemorySize", 128))),
                Integer.parseInt(String.valueOf(property(properties, globals, "Timeout", 3))),
                String.valueOf(architectures.get(0)), javaMajor, dockerfile, paths);
    }

    private static Object property(Map<String, Object> properties, Map<String, Object> globals, String key, Object fallback) {
        return properties.containsKey(key) ? properties.get(key) : globals.getOrDefault(key, fallback);
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        for (Object item : list(value)) {
            out.add(String.valueOf(item));
        }
        return out;
    }

    private static String strip(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Resolves the intrinsics a function's properties use: Ref and Fn::Sub of parameters, pseudo parameters and named resources. */
    private record Resolver(Map<String, Object> template, Names names) {

        String resolve(Object value, String where) {
            if (value instanceof Map<?, ?> function) {
                if (function.containsKey("Ref")) {
                    return name(String.valueOf(function.get("Ref")), where);
                }
                if (function.containsKey("Fn::Sub") && function.get("Fn::Sub") instanceof String text) {
                    Matcher m = SUB_VARIABLE.matcher(text);
                    StringBuilder out = new StringBuilder();
                    while (m.find()) {
                        m.appendReplacement(out, Matcher.quoteReplacement(name(m.group(1), where)));
                    }
                    m.appendTail(out);
                    return out.toString();
                }
                throw new IllegalStateException(where + ": intrinsic " + function + " is not resolved by this runner");
            }
            return String.valueOf(value);
        }

        private String name(String name, String where) {
            switch (name) {
                case "AWS::StackName" -> {
                    return names.stackName();
                }
                case "AWS::AccountId" -> {
                    return names.accountId();
                }
                case "AWS::Region" -> {
                    return names.region();
                }
                case "AWS::Partition" -> {
                    return "aws";
                }
                case "AWS::URLSuffix" -> {
                    return "amazonaws.com";
                }
                default -> {
                }
            }
            Map<String, Object> parameter = map(map(template.get("Parameters")).get(name));
            if (parameter.containsKey("Default")) {
                return String.valueOf(parameter.get("Default"));
            }
            String resource = names.resources().get(name);
            if (resource == null) {
                throw new IllegalStateException(where + " refers to " + name + ": give its physical name in Names.resources");
            }
            return resource;
        }
    }
}
