package dev.supportdesk.azure;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import dev.supportdesk.ocr.OcrService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationContext;

/**
 * What the Functions host does with the {@code ocrQueue} trigger, on Azurite: receive a message (hidden
 * while it runs), call {@link OcrQueueFunction}, delete the message when the function returns, leave it
 * to reappear when it throws, and after {@code maxDequeueCount} deliveries move it to
 * {@code <queue>-poison}.
 */
final class OcrQueueHost {

    private final QueueClient queue;
    private final QueueClient poison;
    private final OcrQueueFunction function;
    private final int maxDequeueCount;

    OcrQueueHost(ApplicationContext context, int maxDequeueCount) {
        String name = context.getBean(AzureProperties.class).ocrQueueName();
        this.queue = Emulators.queue(name);
        this.poison = Emulators.queue(name + "-poison");
        this.function = new OcrQueueFunction(context);
        this.maxDequeueCount = maxDequeueCount;
    }

    /** Runs every visible message once; returns the outcomes (a thrown failure as its class name). */
    List<String> drain() {
        List<String> outcomes = new ArrayList<>();
        for (QueueMessageItem message : queue.receiveMessages(32, Duration.ofSeconds(1), null, null)) {
            try {
                OcrService.Outcome outcome = function.handle(message.getBody().toString());
                queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
                outcomes.add(outcome.name());
            } catch (RuntimeException e) {
                outcomes.add(e.getClass().getSimpleName());
                if (message.getDequeueCount() >= maxDequeueCount) {
                    poison.sendMessage(message.getBody());
                    queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
                }
            }
        }
        return outcomes;
    }

    int poisoned() {
        return poison.getProperties().getApproximateMessagesCount();
    }
}
