package io.patchserve.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.patchserve.catalog.CatalogFailures;
import io.patchserve.catalog.ItemFields;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What changed between two states of a collection's items (a release and its predecessor, or the collection and
 * its latest release), compared in PostgreSQL by item id and content hash: the hash covers everything ingest
 * derived from the source, so equal hashes are an unchanged item.
 */
@ApplicationScoped
public class ChangelogStore {

    /** Rows fetched at a time: the comparison streams, whatever the number of items. */
    private static final int FETCH = 500;

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public ChangelogStore(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** How many items were added, changed (of which relabelled), withdrawn and left as they were. */
    public record Summary(long added, long changed, long relabelled, long withdrawn, long unchanged) {
    }

    /** One item that differs: its change, and for a changed one, what changed. */
    public record Entry(String id, String change, Map<String, Values> labels, Values split, List<String> assets,
                        List<String> properties) {
    }

    /** A value before and after (either null when absent). */
    public record Values(JsonNode before, JsonNode after) {
    }

    public interface EntryVisitor {
        void visit(Entry entry) throws IOException;
    }

    /** The item rows of the two collections (current and previous: collection ids), joined by item id. */
    private static final String JOINED = """
            WITH n AS (SELECT id, content_hash, properties, assets FROM item WHERE collection_id = ?),
                 o AS (SELECT id, content_hash, properties, assets FROM item WHERE collection_id = ?)
            """;

    public Summary summary(String current, String previous, List<String> labelProperties) {
        String sql = JOINED + """
                SELECT count(*) FILTER (WHERE o.id IS NULL),
                       count(*) FILTER (WHERE n.id IS NOT NULL AND o.id IS NOT NULL AND n.content_hash <> o.content_hash),
                       count(*) FILTER (WHERE n.id IS NOT NULL AND o.id IS NOT NULL AND n.content_hash <> o.content_hash
                                          AND EXISTS (SELECT 1 FROM unnest(?::text[]) p
                                                      WHERE n.properties -> p IS DISTINCT FROM o.properties -> p)),
                       count(*) FILTER (WHERE n.id IS NULL),
                       count(*) FILTER (WHERE n.content_hash = o.content_hash)
                FROM n FULL JOIN o ON n.id = o.id""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, current);
            s.setString(2, previous);
            s.setArray(3, c.createArrayOf("text", labelProperties.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Summary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
        } catch (SQLException e) {
            throw CatalogFailures.of("the changes of '" + current + "' cannot be read", e);
        }
    }

    /** The items that differ, by id, at most {@code limit} of them (no limit when negative). */
    public void forEachEntry(String current, String previous, List<String> labelProperties, long limit, EntryVisitor visitor)
            throws IOException {
        String sql = JOINED + """
                SELECT coalesce(n.id, o.id), CASE WHEN o.id IS NULL THEN 'added' WHEN n.id IS NULL THEN 'withdrawn' ELSE 'changed' END,
                       o.properties::text, n.properties::text, o.assets::text, n.assets::text
                FROM n FULL JOIN o ON n.id = o.id
                WHERE o.id IS NULL OR n.id IS NULL OR n.content_hash <> o.content_hash
                ORDER BY 1""" + (limit >= 0 ? " LIMIT " + limit : "");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a cursor: rows come FETCH at a time
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(FETCH);
                s.setString(1, current);
                s.setString(2, previous);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        visitor.visit(entry(rs, labelProperties));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw CatalogFailures.of("the changes of '" + current + "' cannot be read", e);
        }
    }

    private Entry entry(ResultSet rs, List<String> labelProperties) throws SQLException {
        String id = rs.getString(1);
        String change = rs.getString(2);
        if (!change.equals("changed")) {
            return new Entry(id, change, Map.of(), null, List.of(), List.of());
        }
        JsonNode before = tree(rs.getString(3));
        JsonNode after = tree(rs.getString(4));
        Map<String, Values> labels = new LinkedHashMap<>();
        for (String property : labelProperties) {
            if (!before.path(property).equals(after.path(property))) {
                labels.put(property, new Values(before.get(property), after.get(property)));
            }
        }
        Values split = before.path(ItemFields.SPLIT).equals(after.path(ItemFields.SPLIT)) ? null
                : new Values(before.get(ItemFields.SPLIT), after.get(ItemFields.SPLIT));
        List<String> properties = differing(before, after).stream()
                .filter(name -> !labelProperties.contains(name) && !name.equals(ItemFields.SPLIT)).toList();
        JsonNode assetsBefore = tree(rs.getString(5));
        JsonNode assetsAfter = tree(rs.getString(6));
        // an asset changed when its bytes did, or it is new or gone
        List<String> assets = new ArrayList<>();
        for (String key : keys(assetsBefore, assetsAfter)) {
            if (!assetsBefore.path(key).path("sha256").equals(assetsAfter.path(key).path("sha256"))) {
                assets.add(key);
            }
        }
        return new Entry(id, change, labels, split, assets, properties);
    }

    /** The member names whose values differ between two objects. */
    private static List<String> differing(JsonNode before, JsonNode after) {
        List<String> names = new ArrayList<>();
        for (String name : keys(before, after)) {
            if (!before.path(name).equals(after.path(name))) {
                names.add(name);
            }
        }
        return names;
    }

    private static TreeSet<String> keys(JsonNode a, JsonNode b) {
        TreeSet<String> keys = new TreeSet<>();
        for (Iterator<String> i = a.fieldNames(); i.hasNext(); ) {
            keys.add(i.next());
        }
        for (Iterator<String> i = b.fieldNames(); i.hasNext(); ) {
            keys.add(i.next());
        }
        return keys;
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored item JSON cannot be read", e);
        }
    }
}
