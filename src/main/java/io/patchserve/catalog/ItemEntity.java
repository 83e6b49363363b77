package io.patchserve.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.locationtech.jts.geom.Geometry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A patch: one STAC Item, visible only once all its objects are in the bucket. */
@Entity
@Table(name = "item")
public class ItemEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "collection_id")
    public String collectionId;

    /** The STAC item id, unique within its collection. */
    @Column(name = "id")
    public String itemId;

    /** WGS84 footprint; null for patches without georeference. */
    public Geometry geometry;

    public Instant datetime;

    @Column(name = "start_datetime")
    public Instant startDatetime;

    @Column(name = "end_datetime")
    public Instant endDatetime;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> properties = new LinkedHashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, StoredAsset> assets = new LinkedHashMap<>();

    @Column(name = "content_hash")
    public String contentHash;

    @Column(insertable = false, updatable = false)
    public Instant created;

    public Instant updated;
}
