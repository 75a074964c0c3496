package bench.floor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Training run of the FLOOR's own AOT cache (its best JVM options): both handlers, store calls failing fast. */
public final class Train {

    public static void main(String[] args) {
        for (Runnable call : new Runnable[] {
                () -> invoke(new FloorApiHandler(), "{\"rawPath\":\"/tickets/x\"}"),
                () -> invoke(new FloorStepHandler(), "{}")}) {
            try {
                call.run();
            } catch (Throwable e) {
                // the store is absent: the point is the code path
            }
        }
        System.exit(0);
    }

    private static void invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String event) {
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
