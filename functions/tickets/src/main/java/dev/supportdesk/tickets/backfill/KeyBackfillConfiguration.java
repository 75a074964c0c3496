package dev.supportdesk.tickets.backfill;

import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The backfill function, for the runtimes whose store had a layout before write sharding (they provide the port). */
@Configuration(proxyBeanMethods = false)
public class KeyBackfillConfiguration {

    @Bean(name = KeyBackfillRun.NAME)
    Function<String, String> backfillTicketKeys(KeyBackfill backfill) {
        return new KeyBackfillRun(backfill);
    }
}
