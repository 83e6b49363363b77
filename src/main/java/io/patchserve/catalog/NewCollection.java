package io.patchserve.catalog;

import java.util.List;
import java.util.Map;

/** What a collection is created with when ingest finds it missing. */
public record NewCollection(String id, String title, String description, String license, List<String> keywords,
                            Map<String, Object> extra) {
}
