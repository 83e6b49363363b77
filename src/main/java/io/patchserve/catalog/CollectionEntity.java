package io.patchserve.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A dataset: one STAC Collection. */
@Entity
@Table(name = "collection")
public class CollectionEntity {

    @Id
    public String id;

    public String title;

    public String description;

    public String license;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> keywords = new ArrayList<>();

    /** Further STAC fields (providers, summaries, sci:citation, item_assets, ...) merged into the output. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> extra = new LinkedHashMap<>();

    @Column(name = "extent_west")
    public Double extentWest;
    @Column(name = "extent_south")
    public Double extentSouth;
    @Column(name = "extent_east")
    public Double extentEast;
    @Column(name = "extent_north")
    public Double extentNorth;
    @Column(name = "extent_start")
    public Instant extentStart;
    @Column(name = "extent_end")
    public Instant extentEnd;

    /** What filter may name here: {name: JSON Schema of its values}; merged in from each load's items. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> queryables = new LinkedHashMap<>();

    @Column(name = "item_count")
    public long itemCount;

    @Column(insertable = false, updatable = false)
    public Instant created;

    public Instant updated;
}
