package io.patchserve.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.patchserve.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.locationtech.jts.io.WKBWriter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ingest's per-item writes in plain JDBC: the stored digest of one item, and an upsert (lock the old row, write
 * the new one, one transaction) that returns the object keys the replaced version named; the ORM's load-modify-flush cycle cost
 * more than the rest of ingesting a BigEarthNet patch.
 */
@ApplicationScoped
public class ItemUpserts {

    private static final TypeReference<Map<String, StoredAsset>> ASSETS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final StacRenderer stac;

    public ItemUpserts(AgroalDataSource dataSource, ObjectMapper mapper, StacRenderer stac) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.stac = stac;
    }

    public Optional<String> contentHash(String collectionId, String itemId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT content_hash FROM item WHERE collection_id = ? AND id = ?")) {
            s.setString(1, collectionId);
            s.setString(2, itemId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
    }

    /**
     * Inserts or replaces the item in one statement. Returns the object keys the previous version named and this
     * one does not, for the caller to delete once committed.
     */
    public List<String> upsert(NewItem item) {
        String sql = """
                INSERT INTO item AS t (collection_id, id, geometry, datetime, start_datetime, end_datetime, properties,
                                       assets, content_hash, stac_json, stac_json_version, updated)
                VALUES (?, ?, ST_SetSRID(ST_GeomFromWKB(?), 4326), ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, now())
                ON CONFLICT (collection_id, id) DO UPDATE SET geometry = EXCLUDED.geometry, datetime = EXCLUDED.datetime,
                    start_datetime = EXCLUDED.start_datetime, end_datetime = EXCLUDED.end_datetime,
                    properties = EXCLUDED.properties, assets = EXCLUDED.assets, content_hash = EXCLUDED.content_hash,
                    stac_json = EXCLUDED.stac_json, stac_json_version = EXCLUDED.stac_json_version, updated = now()""";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement old = c.prepareStatement("SELECT assets::text FROM item WHERE collection_id = ? AND id = ? FOR UPDATE");
                 PreparedStatement s = c.prepareStatement(sql)) {
                old.setString(1, item.collectionId());
                old.setString(2, item.id());
                String previous = null;
                try (ResultSet r = old.executeQuery()) {
                    if (r.next()) {
                        previous = r.getString(1);
                    }
                }
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
                s.executeUpdate();
                c.commit();
                if (previous == null) {
                    return List.of();
                }
                Set<String> kept = item.assets().values().stream().map(StoredAsset::objectKey).collect(Collectors.toSet());
                return mapper.readValue(previous, ASSETS).values().stream().map(StoredAsset::objectKey)
                        .filter(k -> !kept.contains(k)).toList();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(item.id(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("item JSON cannot be written: " + e.getMessage(), e);
        }
    }

    private static java.time.OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(java.time.ZoneOffset.UTC);
    }

    /** Connection trouble is the database being away (503); anything else is this item's data. */
    private static RuntimeException failure(String itemId, SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.startsWith("08") || state.startsWith("57")) {
            return ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        }
        return new IllegalStateException("item '" + itemId + "' cannot be stored: " + e.getMessage(), e);
    }
}
