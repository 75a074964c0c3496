import dev.supportdesk.aws.HttpApiHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * One cold start of the API Lambda in this JVM, as the Lambda runtime does it: construct the
 * handler (Spring context, SDK clients), then serve one GET /health event. Prints milliseconds
 * since JVM start for each phase; `baseline` prints only the JVM's own start-up time.
 */
public final class ColdStart {

    private static final String EVENT = """
            {"version":"2.0","routeKey":"$default","rawPath":"/health","rawQueryString":"",
             "headers":{"host":"example.execute-api.eu-west-1.amazonaws.com"},
             "requestContext":{"http":{"method":"GET","path":"/health","protocol":"HTTP/1.1","sourceIp":"203.0.113.1"},
               "requestId":"r","routeKey":"$default","stage":"$default"},"isBase64Encoded":false}""";

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        if (args.length > 0 && args[0].equals("baseline")) {
            System.out.println("main " + (System.currentTimeMillis() - jvmStart));
            return;
        }
        long mainAt = System.currentTimeMillis() - jvmStart;
        HttpApiHandler handler = new HttpApiHandler();
        long initAt = System.currentTimeMillis() - jvmStart;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)), out, null);
        long firstAt = System.currentTimeMillis() - jvmStart;
        if (!out.toString(StandardCharsets.UTF_8).contains("\"statusCode\":200")) {
            throw new IllegalStateException("unexpected response: " + out);
        }
        System.out.println("main " + mainAt + " init " + initAt + " first " + firstAt);
    }
}
