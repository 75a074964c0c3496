package dev.supportdesk.aws;

import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** Emulators for test packages other than {@code dev.supportdesk.aws}. */
public final class EmulatorsAccess {

    private EmulatorsAccess() {
    }

    public static ConfigurableApplicationContext awsContext(String table, Map<String, Object> properties) {
        return Emulators.awsContext(table, properties);
    }
}
