package io.patchserve.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.patchserve.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * An item's properties and assets in one indexed JDBC read, for the per-request paths (crops) where loading the
 * whole entity through the ORM, geometry included, cost more than the work the request came for.
 */
@ApplicationScoped
public class ItemLookups {

    private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, StoredAsset>> ASSETS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public ItemLookups(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** What a crop needs of an item. */
    public record ItemCore(String collectionId, String itemId, Map<String, Object> properties, Map<String, StoredAsset> assets) {
    }

    /** The item, or 404 naming it. */
    public ItemCore require(String collectionId, String itemId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT properties::text, assets::text FROM item WHERE collection_id = ? AND id = ?")) {
            s.setString(1, collectionId);
            s.setString(2, itemId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw ApiException.notFound("item '" + itemId + "' does not exist in collection '" + collectionId + "'");
                }
                return new ItemCore(collectionId, itemId, mapper.readValue(r.getString(1), PROPERTIES),
                        mapper.readValue(r.getString(2), ASSETS));
            }
        } catch (SQLException e) {
            throw ApiException.unavailable("the catalog database is unavailable; retry shortly", e);
        } catch (IOException e) {
            throw new IllegalStateException("item JSON cannot be read: " + e.getMessage(), e);
        }
    }
}
