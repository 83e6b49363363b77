package io.patchserve.catalog;

import io.patchserve.http.ReleaseIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.patchserve.error.ApiException;
import io.patchserve.storage.ReferencedObjects;
import jakarta.enterprise.context.ApplicationScoped;
import org.locationtech.jts.io.WKBWriter;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every read and write of one item, in plain JDBC (the rule: collections through Panache, items through this
 * store and the bulk loader, read with {@link ItemColumns}). Each write is its own transaction, so a row appears
 * whole or not at all, and the object keys a write replaces or removes are returned for the caller to delete
 * once it has committed.
 */
@ApplicationScoped
public class ItemStore implements ReferencedObjects {

    private static final String INSERT = """
            INSERT INTO item AS t (collection_id, id, geometry, datetime, start_datetime, end_datetime, properties,
                                   assets, content_hash, stac_json, stac_json_version, stats_pending, stats_counted,
                                   stats_extremes, updated)
            VALUES (?, ?, ST_SetSRID(ST_GeomFromWKB(?), 4326), ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, now())
            """;
    private static final String UPSERT = INSERT + """
            ON CONFLICT (collection_id, id) DO UPDATE SET geometry = EXCLUDED.geometry, datetime = EXCLUDED.datetime,
                start_datetime = EXCLUDED.start_datetime, end_datetime = EXCLUDED.end_datetime,
                properties = EXCLUDED.properties, assets = EXCLUDED.assets, content_hash = EXCLUDED.content_hash,
                stac_json = EXCLUDED.stac_json, stac_json_version = EXCLUDED.stac_json_version,
                stats_pending = EXCLUDED.stats_pending, stats_counted = EXCLUDED.stats_counted,
                stats_extremes = EXCLUDED.stats_extremes, updated = now()""";
    private static final String INSERT_IF_ABSENT = INSERT + "ON CONFLICT (collection_id, id) DO NOTHING";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final StacRenderer stac;
    private final ItemColumns columns;
    private final CountedPixels counted;

    public ItemStore(AgroalDataSource dataSource, ObjectMapper mapper, StacRenderer stac, ItemColumns columns,
                     CountedPixels counted) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.stac = stac;
        this.columns = columns;
        this.counted = counted;
    }

    public Optional<ItemRow> find(String collectionId, String itemId) {
        if (itemId.indexOf('\0') >= 0) {
            return Optional.empty(); // PostgreSQL text cannot hold a NUL, so no item has one
        }
        return query("SELECT " + ItemColumns.ROW + " FROM item i WHERE i.collection_id = ? AND i.id = ?",
                collectionId, itemId, rs -> rs.next() ? Optional.of(columns.read(rs)) : Optional.empty());
    }

    /** The collection's first item by id (a sample to show for it), if it has any. */
    public Optional<ItemRow> first(String collectionId) {
        return query("SELECT " + ItemColumns.ROW + " FROM item i WHERE i.collection_id = ? AND i.id >= ? ORDER BY i.id LIMIT 1",
                collectionId, "", rs -> rs.next() ? Optional.of(columns.read(rs)) : Optional.empty());
    }

    /** The item, or the 404 that names it and its collection. */
    public ItemRow require(String collectionId, String itemId) {
        return find(collectionId, itemId).orElseThrow(() -> notFound(collectionId, itemId));
    }

    /**
     * What a rerun needs to know of a stored item: the digest of what it holds, and whether its pixels still wait
     * to be counted into the collection's statistics (its run ended before it could).
     */
    public record StoredState(String contentHash, boolean statisticsPending) {
    }

    /** The stored item's state; empty when there is none. */
    public Optional<StoredState> state(String collectionId, String itemId) {
        return query("SELECT content_hash, stats_pending IS NOT NULL FROM item WHERE collection_id = ? AND id = ?",
                collectionId, itemId, rs -> rs.next() ? Optional.of(new StoredState(rs.getString(1), rs.getBoolean(2)))
                        : Optional.empty());
    }

    /** Makes {@code run} the one to count an unchanged item's pixels (its own run never did). */
    public void countIn(String collectionId, String itemId, UUID run) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE item SET stats_pending = ? WHERE collection_id = ? AND id = ?")) {
            s.setObject(1, run);
            s.setString(2, collectionId);
            s.setString(3, itemId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw CatalogFailures.of("item '" + itemId + "' cannot be marked", e);
        }
    }

    /**
     * Marks the items {@code run} counted, on {@code connection}: called in the transaction that merges the run's
     * statistics, so that both happen or neither.
     */
    public void markCounted(Connection connection, String collectionId, UUID run) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE item SET stats_pending = NULL, stats_counted = true WHERE collection_id = ? AND stats_pending = ?")) {
            s.setString(1, collectionId);
            s.setObject(2, run);
            s.executeUpdate();
        }
    }

    /** The keys the item names, and those its releases' copies name (which a sweep must leave alone as well). */
    @Override
    public Set<String> objectKeys(String collectionId, String itemId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT assets::text FROM item WHERE collection_id = ? AND id = ?"
                     + UNION_RELEASED_ASSETS)) {
            s.setString(1, collectionId);
            s.setString(2, itemId);
            s.setString(3, collectionId);
            s.setString(4, itemId);
            Set<String> keys = new java.util.HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.addAll(keys(rs.getString(1)));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw CatalogFailures.of("item '" + itemId + "' cannot be read", e);
        }
    }

    /** The assets of the item's copies in its collection's releases, as a second part of a query on (collection, item). */
    private static final String UNION_RELEASED_ASSETS = " UNION ALL SELECT i.assets::text FROM collection_release r"
            + " JOIN item i ON i.collection_id = r.release_id WHERE r.collection_id = ? AND i.id = ?";

    /**
     * {@code keys} less those a release of the collection names: an object a release names is never deleted,
     * whatever happens to the item it was the collection's (V21).
     */
    private List<String> unreleased(Connection c, String collectionId, String itemId, java.util.Collection<String> keys)
            throws SQLException {
        Set<String> left = new java.util.TreeSet<>(keys);
        if (left.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT NULL::text WHERE false" + UNION_RELEASED_ASSETS)) {
            s.setString(1, collectionId);
            s.setString(2, itemId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    left.removeAll(keys(rs.getString(1)));
                }
            }
        }
        return List.copyOf(left);
    }

    /**
     * What an upsert did: the object keys the previous version named and this one does not (for the caller to
     * delete once committed), and whether the new row's pixels are counted in the statistics already (the same
     * data objects under the same split as the counted row it replaced: a relabel).
     */
    public record Upserted(List<String> replaced, boolean counted) {
    }

    /**
     * Inserts or replaces the item (the old row locked, the new one written, one transaction). A replaced row whose
     * pixels were counted is taken out of the statistics in the same transaction, unless its pixels and split stay.
     * {@code statisticsRun}, when given, is the run that is to count the new row's pixels (see {@link #markCounted});
     * {@code extremes} its min and max per band of a binned type ({@code ItemPixels.binnedExtremes}).
     */
    public Upserted upsert(NewItem item, UUID statisticsRun, java.util.Map<String, double[]> extremes) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(UPSERT)) {
                Optional<Previous> previous = previous(c, item.collectionId(), item.id());
                boolean keepsCount = statisticsRun != null && previous.map(p -> p.countedAsIs(item)).orElse(false);
                if (previous.isPresent() && previous.get().counted() && !keepsCount) {
                    counted.takeOut(c, item.collectionId(), item.id(), previous.get().split(), previous.get().assets());
                }
                bind(s, item, keepsCount ? null : statisticsRun, keepsCount, extremes);
                s.executeUpdate();
                Set<String> kept = item.assets().values().stream().map(StoredAsset::objectKey).collect(Collectors.toSet());
                List<String> replaced = unreleased(c, item.collectionId(), item.id(), previous.map(p -> p.assets().values()
                        .stream().map(StoredAsset::objectKey).filter(k -> !kept.contains(k)).toList()).orElse(List.of()));
                c.commit();
                return new Upserted(replaced, keepsCount);
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw CatalogFailures.of("item '" + item.id() + "' cannot be stored", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("item JSON cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Inserts the item if the collection has no item of its id, in one statement; false, changing nothing, when it
     * has. For an ingest that found no stored item a moment ago: no row to lock, replace or take out of the
     * statistics, so one round trip instead of {@link #upsert}'s three. Should another writer have stored the item
     * in between, {@link #upsert} is the way.
     */
    public boolean insertIfAbsent(NewItem item, UUID statisticsRun, java.util.Map<String, double[]> extremes) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT_IF_ABSENT)) {
            bind(s, item, statisticsRun, false, extremes);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw CatalogFailures.of("item '" + item.id() + "' cannot be stored", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("item JSON cannot be written: " + e.getMessage(), e);
        }
    }

    /** The values of {@link #INSERT}'s parameters. */
    private void bind(PreparedStatement s, NewItem item, UUID statisticsRun, boolean counted,
                      java.util.Map<String, double[]> extremes) throws SQLException, JsonProcessingException {
        s.setString(1, item.collectionId());
        s.setString(2, item.id());
        if (item.geometry() == null) {
            s.setNull(3, Types.BINARY);
        } else {
            s.setBytes(3, new WKBWriter(2).write(item.geometry()));
        }
        s.setObject(4, timestamp(item.datetime()));
        s.setObject(5, timestamp(item.startDatetime()));
        s.setObject(6, timestamp(item.endDatetime()));
        s.setString(7, mapper.writeValueAsString(item.properties()));
        s.setString(8, mapper.writeValueAsString(item.assets()));
        s.setString(9, item.contentHash());
        s.setString(10, stac.storedJson(ItemRow.of(item, mapper)));
        s.setShort(11, StoredItemJson.VERSION);
        s.setObject(12, statisticsRun);
        s.setBoolean(13, counted);
        s.setString(14, extremes == null || extremes.isEmpty() ? null : mapper.writeValueAsString(extremes));
    }

    /**
     * Deletes the item's row, counts it out of its collection and takes its pixels out of the statistics, in one
     * transaction; returns the object keys it named. 404 when there is no such item.
     */
    public List<String> delete(String collectionId, String itemId) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM item WHERE collection_id = ? AND id = ?");
                 PreparedStatement count = c.prepareStatement("UPDATE collection SET item_count = greatest(item_count - 1, 0) WHERE id = ?")) {
                Previous previous = previous(c, collectionId, itemId).orElseThrow(() -> notFound(collectionId, itemId));
                if (previous.counted()) {
                    counted.takeOut(c, collectionId, itemId, previous.split(), previous.assets());
                }
                delete.setString(1, collectionId);
                delete.setString(2, itemId);
                delete.executeUpdate();
                List<String> keys = unreleased(c, collectionId, itemId,
                        previous.assets().values().stream().map(StoredAsset::objectKey).toList());
                count.setString(1, collectionId);
                count.executeUpdate();
                c.commit();
                return keys;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw CatalogFailures.of("item '" + itemId + "' cannot be deleted", e);
        }
    }

    /**
     * Records an asset's CRC-32 computed after the fact (assets stored before ingest recorded it); not a
     * release's, whose rows never change (its bundles compute the CRC each time instead).
     */
    public void recordCrc32(String collectionId, String itemId, String assetKey, long crc32) {
        if (ReleaseIds.isRelease(collectionId)) {
            return;
        }
        String sql = """
                UPDATE item SET assets = jsonb_set(assets, ARRAY[?, 'crc32'], to_jsonb(?::bigint))
                WHERE collection_id = ? AND id = ? AND assets -> ? IS NOT NULL AND NOT (assets -> ? ? 'crc32')""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, assetKey);
            s.setLong(2, crc32);
            s.setString(3, collectionId);
            s.setString(4, itemId);
            s.setString(5, assetKey);
            s.setString(6, assetKey);
            s.executeUpdate();
        } catch (SQLException e) {
            throw CatalogFailures.of("the CRC-32 of " + collectionId + "/" + itemId + "/" + assetKey + " cannot be recorded", e);
        }
    }

    /** A stored row about to be replaced or deleted, locked: its assets, its split and whether its pixels are counted. */
    private record Previous(java.util.Map<String, StoredAsset> assets, String split, boolean counted) {

        /** Whether {@code next} keeps this row's counted pixels as they are: the same data objects, the same split. */
        boolean countedAsIs(NewItem next) {
            Object nextSplit = next.properties().get(ItemFields.SPLIT);
            return counted && java.util.Objects.equals(split, nextSplit instanceof String text ? text : null)
                    && dataKeys(assets).equals(dataKeys(next.assets()));
        }
    }

    private Optional<Previous> previous(Connection c, String collectionId, String itemId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT assets::text, split, stats_counted FROM item WHERE collection_id = ? AND id = ? FOR UPDATE")) {
            s.setString(1, collectionId);
            s.setString(2, itemId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Previous(columns.assets(r.getString(1)), r.getString(2), r.getBoolean(3)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored assets JSON cannot be read", e);
        }
    }

    /** The objects holding an item's pixels (its data assets): the same keys, the same pixels. */
    private static Set<String> dataKeys(java.util.Map<String, StoredAsset> assets) {
        return assets.values().stream().filter(a -> a.roles() != null && a.roles().contains("data"))
                .map(StoredAsset::objectKey).collect(Collectors.toSet());
    }

    private Set<String> keys(String assetsJson) {
        try {
            return columns.assets(assetsJson).values().stream().map(StoredAsset::objectKey).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException("stored assets JSON cannot be read", e);
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** A query by collection and item id. */
    private <T> T query(String sql, String collectionId, String itemId, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, collectionId);
            s.setString(2, itemId);
            try (ResultSet rs = s.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw CatalogFailures.of("item '" + itemId + "' cannot be read", e);
        }
    }

    private static ApiException notFound(String collectionId, String itemId) {
        return ApiException.notFound("item '" + itemId + "' does not exist in collection '" + collectionId + "'");
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
