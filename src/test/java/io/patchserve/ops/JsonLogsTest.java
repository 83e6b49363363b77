package io.patchserve.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/** With patchserve.log.json on, the console writes one JSON object per line, request id included. */
@QuarkusTest
@TestProfile(JsonLogsTest.Json.class)
class JsonLogsTest {

    public static class Json implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("patchserve.log.json", "true");
        }
    }

    private static void consoles(Handler handler, List<ConsoleHandler> found) {
        if (handler instanceof ConsoleHandler console) {
            found.add(console);
        }
        if (handler instanceof ExtHandler ext) {
            for (Handler child : ext.getHandlers()) {
                consoles(child, found);
            }
        }
    }

    @Test
    void theConsoleFormatsJsonWithTheMdc() {
        List<ConsoleHandler> found = new ArrayList<>();
        for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
            consoles(handler, found);
        }
        assertThat(found).isNotEmpty().allMatch(h -> h.getFormatter() instanceof JsonFormatter);

        org.jboss.logmanager.ExtLogRecord record = new org.jboss.logmanager.ExtLogRecord(Level.INFO, "hello", "test");
        record.setMdc(Map.of("requestId", "req-42"));
        String line = found.getFirst().getFormatter().format(record);
        assertThat(line.strip()).startsWith("{").endsWith("}").contains("\"message\":\"hello\"").contains("\"requestId\":\"req-42\"");
    }
}
