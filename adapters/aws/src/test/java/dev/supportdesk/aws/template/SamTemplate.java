package dev.supportdesk.aws.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where the repository and the SAM template are, and the template read as plain maps and lists.
 * CloudFormation's short-form intrinsics become their long form: {@code !Ref X} is
 * {@code {Ref: X}}, {@code !Sub s} is {@code {Fn::Sub: s}}, {@code !GetAtt A.b} is
 * {@code {Fn::GetAtt: "A.b"}}, and so on for any other {@code !Tag}.
 */
public final class SamTemplate {

    public static final String TEMPLATE = "sam/template.yaml";

    private SamTemplate() {
    }

    /**
     * The repository root: the nearest directory, from the working directory up, that holds
     * {@code adapters/} (Maven runs the tests in {@code adapters/aws}).
     */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve("adapters")) && Files.isDirectory(candidate.resolve("functions"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no directory holding adapters/ and functions/ above " + dir);
    }

    public static Path templateFile() {
        return repositoryRoot().resolve(TEMPLATE);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load() throws IOException {
        LoaderOptions options = new LoaderOptions();
        try (Reader reader = Files.newBufferedReader(templateFile(), StandardCharsets.UTF_8)) {
            Object document = new Yaml(new CloudFormationConstructor(options)).load(reader);
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalStateException(TEMPLATE + " is not a YAML mapping");
            }
            return (Map<String, Object>) map;
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    public static List<?> list(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }

    /** A SafeConstructor that turns every {@code !Tag} node into {@code {Ref|Fn::Tag: value}}. */
    static final class CloudFormationConstructor extends SafeConstructor {

        private final Construct intrinsic = new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
                String tag = node.getTag().getValue().substring(1);
                String key = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                Object value = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalStateException("unexpected YAML node " + node);
                };
                Map<String, Object> function = new LinkedHashMap<>();
                function.put(key, value);
                return function;
            }
        };

        CloudFormationConstructor(LoaderOptions options) {
            super(options);
        }

        @Override
        protected Construct getConstructor(Node node) {
            return node.getTag().getValue().startsWith("!") ? intrinsic : super.getConstructor(node);
        }
    }
}
