package io.patchserve.ops;

import io.patchserve.config.LogConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

import java.util.logging.Handler;

/**
 * Switches the console to JSON lines when {@code patchserve.log.json} is on, using the log manager's own
 * JSON formatter (the quarkus-logging-json extension's 3.37.3 jar is missing from this Maven Central copy).
 * Lines logged before start-up completes stay plain text.
 */
@ApplicationScoped
public class JsonLogs {

    void onStart(@Observes StartupEvent event, LogConfig config) {
        if (config.json()) {
            for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
                useJson(handler);
            }
        }
    }

    private static void useJson(Handler handler) {
        if (handler instanceof ConsoleHandler console) {
            JsonFormatter json = new JsonFormatter();
            json.setPrintDetails(false);
            console.setFormatter(json);
        }
        if (handler instanceof ExtHandler ext) {
            for (Handler child : ext.getHandlers()) {
                useJson(child);
            }
        }
    }
}
