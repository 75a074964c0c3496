package dev.supportdesk.aws.template;

import static dev.supportdesk.aws.template.SamTemplate.list;
import static dev.supportdesk.aws.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.aws.telemetry.EmfTelemetry;
import dev.supportdesk.json.Json;
import dev.supportdesk.telemetry.Metric;
import dev.supportdesk.telemetry.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The template's alarms and dashboard read metrics the code emits: every metric they name in the
 * functions' namespace is in the catalogue ({@link Metrics}) and is published by {@link EmfTelemetry}
 * under exactly that dimension set, in that namespace, with service=&lt;stack&gt;. The alarm set covers what
 * the operators asked for, every alarm notifies the topic, and docs/operating.md lists the catalogue exactly.
 */
class MetricsTemplateTest {

    private static final Map<String, Object> OWN_NAMESPACE = Map.of("Ref", "MetricsNamespace");
    private static final Map<String, Object> STACK = Map.of("Ref", "AWS::StackName");

    private static Map<String, Object> resources;

    /** A metric as an alarm or a widget names it. */
    record MetricRef(String where, Object namespace, String name, Map<String, Object> dimensions) {
    }

    @BeforeAll
    static void load() throws IOException {
        resources = map(SamTemplate.load().get("Resources"));
    }

    private static Map<String, Map<String, Object>> ofType(String type) {
        Map<String, Map<String, Object>> result = new TreeMap<>();
        resources.forEach((name, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                result.put(name, map(map(resource).get("Properties")));
            }
        });
        return result;
    }

    private static List<MetricRef> alarmMetrics() {
        List<MetricRef> refs = new ArrayList<>();
        ofType("AWS::CloudWatch::Alarm").forEach((name, alarm) -> {
            if (alarm.containsKey("MetricName")) {
                refs.add(new MetricRef(name, alarm.get("Namespace"), (String) alarm.get("MetricName"), dimensions(alarm.get("Dimensions"))));
            }
            for (Object query : list(alarm.get("Metrics"))) {
                Map<String, Object> metric = map(map(map(query).get("MetricStat")).get("Metric"));
                if (!metric.isEmpty()) {
                    refs.add(new MetricRef(name + "." + map(query).get("Id"), metric.get("Namespace"),
                            (String) metric.get("MetricName"), dimensions(metric.get("Dimensions"))));
                }
            }
        });
        return refs;
    }

    private static List<String> globalSecondaryIndexes() {
        List<String> names = new ArrayList<>();
        ofType("AWS::DynamoDB::Table").values().forEach(table -> list(table.get("GlobalSecondaryIndexes"))
                .forEach(index -> names.add((String) map(index).get("IndexName"))));
        assertThat(names).as("the tickets table's indexes").isNotEmpty();
        return names;
    }

    private static Map<String, Object> dimensions(Object list) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Object dimension : list(list)) {
            result.put((String) map(dimension).get("Name"), map(dimension).get("Value"));
        }
        return result;
    }

    /** The dashboard body with its ${...} substitutions as markers: "${X}" becomes "<X>", a bare ${X} a number. */
    private static JsonNode dashboard() throws IOException {
        Map<String, Object> properties = ofType("AWS::CloudWatch::Dashboard").values().iterator().next();
        String body = (String) map(properties.get("DashboardBody")).get("Fn::Sub");
        assertThat(body).as("DashboardBody is a !Sub string").isNotNull();
        String quoted = Pattern.compile("\"\\$\\{([^}]+)}\"").matcher(body).replaceAll(m -> Matcher.quoteReplacement("\"<" + m.group(1) + ">\""));
        String bare = Pattern.compile("\\$\\{([^}]+)}").matcher(quoted).replaceAll("1");
        return Json.MAPPER.readTree(bare);
    }

    private static List<MetricRef> dashboardMetrics() throws IOException {
        List<MetricRef> refs = new ArrayList<>();
        for (JsonNode widget : dashboard().path("widgets")) {
            for (JsonNode row : widget.path("properties").path("metrics")) {
                if (!row.get(0).isTextual()) {
                    continue; // an expression
                }
                assertThat(row.get(0).asText()).as("no \".\" shorthand in the dashboard").isNotEqualTo(".");
                Map<String, Object> dims = new LinkedHashMap<>();
                int i = 2;
                for (; i + 1 < row.size() && row.get(i).isTextual(); i += 2) {
                    dims.put(row.get(i).asText(), row.get(i + 1).asText());
                }
                Object namespace = "<MetricsNamespace>".equals(row.get(0).asText()) ? OWN_NAMESPACE : row.get(0).asText();
                Object service = dims.get(EmfTelemetry.SERVICE);
                if ("<AWS::StackName>".equals(service)) {
                    dims.put(EmfTelemetry.SERVICE, STACK);
                }
                refs.add(new MetricRef(widget.path("properties").path("title").asText(), namespace, row.get(1).asText(), dims));
            }
        }
        return refs;
    }

    @Test
    void everyOwnMetricTheAlarmsAndTheDashboardReadIsOneTheCodeEmits() throws IOException {
        List<MetricRef> refs = new ArrayList<>(alarmMetrics());
        refs.addAll(dashboardMetrics());
        List<MetricRef> own = refs.stream().filter(ref -> OWN_NAMESPACE.equals(ref.namespace())).toList();
        assertThat(own).as("own metrics read by the template").hasSizeGreaterThan(10);
        for (MetricRef ref : own) {
            Metric metric = Metrics.byName(ref.name());
            assertThat(ref.dimensions().get(EmfTelemetry.SERVICE)).as("%s: service dimension", ref.where()).isEqualTo(STACK);
            Set<String> names = new HashSet<>(ref.dimensions().keySet());
            assertThat(emittedDimensionSets(metric)).as("%s reads %s by %s", ref.where(), ref.name(), names).contains(names);
        }
        // and the namespace is the one the code is given
        Map<String, Object> variables = map(map(map(map(SamTemplate.load().get("Globals")).get("Function")).get("Environment")).get("Variables"));
        assertThat(variables.get("SUPPORTDESK_AWS_METRICS_NAMESPACE")).isEqualTo(OWN_NAMESPACE);
        assertThat(variables.get("SUPPORTDESK_AWS_METRICS_SERVICE")).isEqualTo(STACK);
    }

    /** The dimension sets the code publishes {@code metric} under, read from a document it writes. */
    private static Set<Set<String>> emittedDimensionSets(Metric metric) throws IOException {
        String document = new EmfTelemetry("ns", "stack", line -> { }, java.time.Clock.systemUTC())
                .document(metric, 1L, metric.labels().stream().map(l -> "x").toArray(String[]::new));
        Set<Set<String>> sets = new LinkedHashSet<>();
        Json.MAPPER.readTree(document).path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").forEach(set -> {
            Set<String> names = new HashSet<>();
            set.forEach(name -> names.add(name.asText()));
            sets.add(names);
        });
        return sets;
    }

    @Test
    void theAlarmsCoverWhatOperatorsAskedForAndNotifyTheTopic() {
        Map<String, Map<String, Object>> alarms = ofType("AWS::CloudWatch::Alarm");
        List<MetricRef> refs = alarmMetrics();
        Set<String> read = new HashSet<>();
        refs.forEach(ref -> read.add(ref.namespace() instanceof String ns ? ns + "/" + ref.name() + " " + ref.dimensions()
                : "own/" + ref.name() + " " + ref.dimensions().keySet()));
        assertThat(read).contains("own/api_requests_total [service, status_class]", "own/api_request_duration_seconds [service]");
        for (String function : ofType("AWS::Serverless::Function").keySet()) {
            for (String metric : List.of("Errors", "Throttles")) {
                assertThat(refs).as("%s alarm on %s", metric, function).anySatisfy(ref -> {
                    assertThat(ref.namespace()).isEqualTo("AWS/Lambda");
                    assertThat(ref.name()).isEqualTo(metric);
                    assertThat(ref.dimensions()).isEqualTo(Map.of("FunctionName", Map.of("Ref", function)));
                });
            }
        }
        for (String queue : ofType("AWS::SQS::Queue").keySet()) {
            assertThat(refs).as("depth alarm on %s", queue).anySatisfy(ref -> {
                assertThat(ref.name()).isEqualTo("ApproximateNumberOfMessagesVisible");
                assertThat(ref.dimensions()).isEqualTo(Map.of("QueueName", Map.of("Fn::GetAtt", queue + ".QueueName")));
            });
        }
        assertThat(refs).anySatisfy(ref -> assertThat(ref.name()).isEqualTo("ExecutionsFailed"));
        assertThat(refs).anySatisfy(ref -> assertThat(ref.name()).isEqualTo("ReadThrottleEvents"));
        assertThat(refs).anySatisfy(ref -> assertThat(ref.name()).isEqualTo("WriteThrottleEvents"));
        for (String index : globalSecondaryIndexes()) {
            // the table's own throttle metric leaves its indexes out: each needs its dimension
            assertThat(refs).as("write throttles of index %s", index).anySatisfy(ref -> {
                assertThat(ref.name()).isEqualTo("WriteThrottleEvents");
                assertThat(ref.dimensions()).containsEntry("GlobalSecondaryIndexName", index);
            });
        }
        alarms.forEach((name, alarm) -> {
            assertThat((List<Object>) new ArrayList<Object>(list(alarm.get("AlarmActions")))).as("%s notifies", name).containsExactly((Object) Map.of("Ref", "AlarmTopic"));
            assertThat(alarm.get("TreatMissingData")).as("%s: no data is no alarm", name).isEqualTo("notBreaching");
        });
        Map<String, Object> subscription = ofType("AWS::SNS::Subscription").values().iterator().next();
        assertThat(subscription.get("Endpoint")).isEqualTo(Map.of("Ref", "AlarmEmail"));
    }

    @Test
    void theDashboardShowsWhatTheAlarmsWatch() throws IOException {
        Set<String> shown = new HashSet<>();
        dashboardMetrics().forEach(ref -> shown.add(ref.name()));
        alarmMetrics().forEach(ref -> assertThat(shown).as("the dashboard shows %s", ref.where()).contains(ref.name()));
    }

    @Test
    void operatingDocsListTheCatalogueExactly() throws IOException {
        String docs = Files.readString(SamTemplate.repositoryRoot().resolve("docs/operating.md"));
        Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| (counter|histogram) \\| ([^|]*)\\|").matcher(docs);
        Map<String, String> listed = new TreeMap<>();
        while (row.find()) {
            listed.put(row.group(1), row.group(2) + " " + row.group(3).trim());
        }
        Map<String, String> catalogue = new TreeMap<>();
        for (Metric metric : Metrics.ALL) {
            String labels = metric.labels().isEmpty() ? "—" : String.join(", ", metric.labels().stream().map(l -> "`" + l + "`").toList());
            catalogue.put(metric.name(), metric.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + labels);
        }
        assertThat(listed).as("the metrics table of docs/operating.md (name | kind | labels |)").isEqualTo(catalogue);
    }
}
