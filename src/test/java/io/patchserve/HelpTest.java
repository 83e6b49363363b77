package io.patchserve;

import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.StacItemsLoader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The help printed before the application starts names the formats the started application knows. */
@QuarkusTest
class HelpTest {

    @Inject
    IngestService ingest;

    @Test
    void theHelpsFormatsAreTheFormatsIngestFinds() {
        List<String> found = new ArrayList<>(ingest.formatNames());
        found.add(StacItemsLoader.FORMAT);
        assertThat(Help.FORMATS).containsExactlyInAnyOrderElementsOf(found);
        assertThat(Help.forArgs("ingest", "--help")).hasValueSatisfying(text -> assertThat(text).contains(String.join("|", Help.FORMATS)));
        assertThat(Help.forArgs("--help")).contains(Help.COMMANDS);
        assertThat(Help.forArgs("ingest", "--format", "smcefr")).isEmpty();
    }
}
