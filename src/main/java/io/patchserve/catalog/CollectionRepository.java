package io.patchserve.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class CollectionRepository implements PanacheRepositoryBase<CollectionEntity, String> {

    public List<CollectionEntity> listAllById() {
        return listAll(Sort.by("id"));
    }

    /** Recomputes the stored extent from the items; called after writes, never on reads. */
    public void refreshExtent(String collectionId) {
        getEntityManager().createNativeQuery("""
                        UPDATE collection c SET
                          extent_west = ST_XMin(x.box), extent_south = ST_YMin(x.box),
                          extent_east = ST_XMax(x.box), extent_north = ST_YMax(x.box),
                          extent_start = x.first, extent_end = x.last, updated = now()
                        FROM (SELECT ST_Extent(geometry)::box3d AS box,
                                     min(coalesce(start_datetime, datetime)) AS first,
                                     max(coalesce(end_datetime, datetime)) AS last
                              FROM item WHERE collection_id = :id) x
                        WHERE c.id = :id""")
                .setParameter("id", collectionId)
                .executeUpdate();
    }
}
