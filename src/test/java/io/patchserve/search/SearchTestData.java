package io.patchserve.search;

import io.patchserve.ingest.IngestReport;
import io.patchserve.ingest.StacItemsLoader;
import io.patchserve.testing.SearchFixtures;
import io.quarkus.arc.Arc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads the search fixtures once per JVM through the real bulk loader, into a collection of their own. */
final class SearchTestData {

    static final SearchFixtures FIXTURES = new SearchFixtures(240, 42);
    private static String collection;

    private SearchTestData() {
    }

    /** Ids of the fixtures the predicate holds for, sorted: what a search should return, computed in Java. */
    static java.util.List<String> idsWhere(java.util.function.Predicate<io.patchserve.testing.SearchFixtures.Fixture> predicate) {
        return FIXTURES.items().stream().filter(predicate).map(io.patchserve.testing.SearchFixtures.Fixture::id).sorted().toList();
    }

    static synchronized String collection() {
        if (collection == null) {
            String id = "search-" + UUID.randomUUID().toString().substring(0, 8);
            try {
                Path file = FIXTURES.writeNdjson(Files.createTempDirectory("search").resolve("items.ndjson"), id);
                IngestReport report = Arc.container().instance(StacItemsLoader.class).get().load(id, file, null);
                assertThat(report.succeeded()).as(report.failure()).isTrue();
                assertThat(report.created()).isEqualTo(FIXTURES.items().size());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            collection = id;
        }
        return collection;
    }
}
