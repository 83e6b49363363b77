package io.patchserve.stats;

import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** Per-band statistics of a collection, for normalising training inputs. */
@Path("/collections/{collectionId}/statistics")
@RunOnVirtualThread
public class StatisticsResource {

    private final StatisticsService statistics;

    public StatisticsResource(StatisticsService statistics) {
        this.statistics = statistics;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get(@PathParam("collectionId") String collectionId) {
        return statistics.document(collectionId);
    }
}
