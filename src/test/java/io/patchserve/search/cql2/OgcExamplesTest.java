package io.patchserve.search.cql2;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CQL2 standard's own examples (src/test/resources/cql2/ogc-examples.txt): each is read in its text and its
 * JSON encoding, and the two must give the same expression; what the service does not support (functions and
 * arithmetic, which no conformance class it claims needs) must be refused with a reason in both.
 */
@Tag("unit")
class OgcExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Functions and arithmetic, which no conformance class the service claims needs (CASEI, ACCENTI, AVG, +, ...). */
    static final Set<String> FUNCTIONS_AND_ARITHMETIC = Set.of("clause6_01", "clause6_02b", "clause7_04", "clause7_05",
            "clause7_18", "example26", "example27", "example28", "example68", "example69", "example70", "example71",
            "example72", "example73", "example74", "example75", "example76", "example77", "example78", "example85",
            "example86");
    /** Temporal functions over an interval made of two properties (INTERVAL(start, end)): not supported yet. */
    static final Set<String> PROPERTY_INTERVALS = Set.of("clause7_13", "example22", "example55", "example56", "example57",
            "example59", "example60", "example61", "example62", "example63", "example64", "example65", "example66",
            "example67");
    /**
     * Arithmetic the text parser reads as a name, because it lets names hold '-' (STAC's "ml-aoi:split" unquoted):
     * "balance-150.0" becomes one property, which the queryables then refuse as unknown.
     */
    static final Set<String> HYPHEN_READ_AS_NAME = Set.of("clause6_02c", "clause7_19");

    record Example(String name, String text, String json) {
    }

    static List<Example> examples() throws IOException {
        List<Example> out = new ArrayList<>();
        try (InputStream in = OgcExamplesTest.class.getResourceAsStream("/cql2/ogc-examples.txt")) {
            String name = null;
            StringBuilder text = new StringBuilder();
            boolean json = false;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("# ")) {
                    continue;
                }
                if (line.startsWith("## ")) {
                    name = line.substring(3);
                    text.setLength(0);
                    json = false;
                } else if (line.equals("--")) {
                    json = true;
                } else if (json) {
                    out.add(new Example(name, text.toString().trim(), line));
                } else {
                    text.append(line).append('\n');
                }
            }
        }
        return out;
    }

    @Test
    void bothEncodingsOfEveryExampleReadAsTheSameExpression() throws IOException {
        List<Example> examples = examples();
        assertThat(examples).hasSizeGreaterThan(100);
        int compared = 0;
        for (Example e : examples) {
            if (FUNCTIONS_AND_ARITHMETIC.contains(e.name()) || PROPERTY_INTERVALS.contains(e.name())
                    || HYPHEN_READ_AS_NAME.contains(e.name())) {
                continue;
            }
            assertThat(Cql2TextParser.parse(e.text())).as(e.name() + ": " + e.text()).isEqualTo(Cql2JsonParser.parse(JSON.readTree(e.json())));
            compared++;
        }
        assertThat(compared).isEqualTo(examples.size() - FUNCTIONS_AND_ARITHMETIC.size() - PROPERTY_INTERVALS.size()
                - HYPHEN_READ_AS_NAME.size());
    }

    @Test
    void whatIsNotSupportedIsRefusedInBothEncodings() throws IOException {
        for (Example e : examples()) {
            if (FUNCTIONS_AND_ARITHMETIC.contains(e.name()) || PROPERTY_INTERVALS.contains(e.name())) {
                assertThatThrownBy(() -> Cql2TextParser.parse(e.text())).as(e.name()).isInstanceOf(Cql2Exception.class);
                assertThatThrownBy(() -> Cql2JsonParser.parse(JSON.readTree(e.json()))).as(e.name()).isInstanceOf(Cql2Exception.class);
            }
        }
    }

    @Test
    void arithmeticReadAsAHyphenatedNameIsNoSilentMatch() throws IOException {
        for (Example e : examples()) {
            if (HYPHEN_READ_AS_NAME.contains(e.name())) {
                assertThatThrownBy(() -> Cql2JsonParser.parse(JSON.readTree(e.json()))).as(e.name()).isInstanceOf(Cql2Exception.class);
                assertThat(Cql2TextParser.parse(e.text()).toString()).as(e.name()).containsPattern("Property\\[name=\\w+-1");
            }
        }
    }
}
