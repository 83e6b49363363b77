package io.patchserve.bundle;

import io.patchserve.http.ContentDisposition;
import io.patchserve.http.EntityTags;
import io.patchserve.http.Ranged;
import io.patchserve.search.SearchRequest;
import io.patchserve.storage.ObjectStore;
import io.patchserve.ops.Metrics;
import io.micrometer.core.instrument.Counter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Answers a bundle request: plans it, then sends the whole archive, one range of it, or only its headers. */
@ApplicationScoped
public class BundleService {

    public enum Kind {
        TAR("application/x-tar", ".tar"), TAR_GZ("application/gzip", ".tar.gz");

        final String mediaType;
        final String extension;

        Kind(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    private final BundlePlanner planner;
    /** Buffers between reading objects and sending them, per response: at most 1 MiB in all. */
    private static final int HAND_OFF_BUFFERS = 4;
    private static final int HAND_OFF_BUFFER_BYTES = 1 << 18;

    private final ArchiveWriter writer;
    private final Counter bytesServed;

    public BundleService(BundlePlanner planner, ObjectStore store, Metrics metrics) {
        this.planner = planner;
        this.writer = new ArchiveWriter(store);
        this.bytesServed = metrics.bytesServed("bundle");
    }

    public Response respond(SearchRequest request, List<String> assets, Kind kind, String name, boolean withBody,
                            String ifNoneMatch, String rangeHeader, String ifRange) throws IOException {
        BundlePlan plan = planner.plan(request, assets);
        boolean handedOver = false;
        try {
            long length = kind == Kind.TAR ? plan.tarLength : ArchiveWriter.gzipLength(plan.tarLength);
            // The digest covers every entry's path, size and SHA-256: equal for the same selection of the same catalog.
            String etag = EntityTags.strong((kind == Kind.TAR ? "tar-" : "tgz-") + plan.digest);
            Ranged ranged = Ranged.of(etag, length, ifNoneMatch, rangeHeader, ifRange);
            Response.ResponseBuilder response = ranged.builder();
            if (ranged.done()) {
                return response.build();
            }
            long from = ranged.offset(), count = ranged.count();
            response.type(kind.mediaType)
                    .header("Content-Disposition", ContentDisposition.attachment(name + kind.extension))
                    .header("Patchserve-Bundle-Items", plan.items)
                    .header("Patchserve-Bundle-Files", plan.files);
            if (withBody && count > 0) {
                long start = from, end = from + count;
                StreamingOutput body = out -> {
                    try (plan) {
                        // a short range (a resume probe) needs no more than its own length in buffers
                        int bufferBytes = (int) Math.min(HAND_OFF_BUFFER_BYTES, Math.max(8192, end - start));
                        HandOffOutput handOff = new HandOffOutput(new CountingOutput(out, bytesServed),
                                HAND_OFF_BUFFERS, bufferBytes);
                        try {
                            if (kind == Kind.TAR) {
                                writer.writeTar(plan, start, end, handOff);
                            } else {
                                writer.writeGzip(plan, start, end, handOff);
                            }
                        } catch (IOException | RuntimeException | Error e) {
                            handOff.abort();
                            throw e;
                        }
                        handOff.finish();
                    }
                };
                response.entity(body);
                handedOver = true;
            }
            return response.build();
        } finally {
            if (!handedOver) {
                plan.close();
            }
        }
    }

    /** Counts bytes into the bytes-served metric as they go out. */
    private static final class CountingOutput extends java.io.FilterOutputStream {
        private final Counter counter;

        CountingOutput(OutputStream out, Counter counter) {
            super(out);
            this.counter = counter;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            counter.increment(len);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            counter.increment(1);
        }
    }
}
