package io.patchserve.bundle;

import io.micrometer.core.instrument.Counter;
import io.patchserve.http.Download;
import io.patchserve.http.EntityTags;
import io.patchserve.ops.CountingOutput;
import io.patchserve.ops.Metrics;
import io.patchserve.search.SearchRequest;
import io.patchserve.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Plans a bundle and offers its archive as a {@link Download}: whole, one range of it, or only its headers. */
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

    /** Buffers between reading objects and sending them, per response: at most 1 MiB in all. */
    private static final int HAND_OFF_BUFFERS = 4;
    private static final int HAND_OFF_BUFFER_BYTES = 1 << 18;

    private final BundlePlanner planner;
    private final ArchiveWriter writer;
    private final Counter bytesServed;

    public BundleService(BundlePlanner planner, ObjectStore store, Metrics metrics) {
        this.planner = planner;
        this.writer = new ArchiveWriter(store);
        this.bytesServed = metrics.bytesServed("bundle");
    }

    /** The archive of {@code request}'s matches; {@code assets} empty means every asset with role "data". */
    public Download bundle(SearchRequest request, List<String> assets, Kind kind, String name) throws IOException {
        BundlePlan plan = planner.plan(request, assets);
        return new Archive(plan, kind, selectionName(name, plan.digest) + kind.extension);
    }

    /**
     * A download's file name after what it holds: the scope and the first 12 hex digits of the content digest, so
     * that the train and the val bundle of a collection (or one bundle before and after the catalog changed) never
     * share a file a resume could splice into.
     */
    static String selectionName(String scope, String digest) {
        return scope + "-" + digest.substring(0, Math.min(12, digest.length()));
    }

    /** A planned archive; its plan (on disk) is deleted when the download is closed. */
    private final class Archive implements Download {
        private final BundlePlan plan;
        private final Kind kind;
        private final String fileName;

        Archive(BundlePlan plan, Kind kind, String fileName) {
            this.plan = plan;
            this.kind = kind;
            this.fileName = fileName;
        }

        @Override
        public String contentType() {
            return kind.mediaType;
        }

        @Override
        public String fileName() {
            return fileName;
        }

        @Override
        public long length() {
            return kind == Kind.TAR ? plan.tarLength : ArchiveWriter.gzipLength(plan.tarLength);
        }

        @Override
        public String etag() {
            // The digest covers every entry's path, size and SHA-256: equal for the same selection of the same catalog.
            return EntityTags.strong((kind == Kind.TAR ? "tar-" : "tgz-") + plan.digest);
        }

        @Override
        public Map<String, Object> headers() {
            return Map.of("Patchserve-Bundle-Items", plan.items, "Patchserve-Bundle-Files", plan.files);
        }

        @Override
        public Body open(long offset, long count) {
            long end = offset + count;
            return out -> {
                // a short range (a resume probe) needs no more than its own length in buffers
                int bufferBytes = (int) Math.min(HAND_OFF_BUFFER_BYTES, Math.max(8192, count));
                HandOffOutput handOff = new HandOffOutput(new CountingOutput(out, bytesServed), HAND_OFF_BUFFERS, bufferBytes);
                try {
                    if (kind == Kind.TAR) {
                        writer.writeTar(plan, offset, end, handOff);
                    } else {
                        writer.writeGzip(plan, offset, end, handOff);
                    }
                } catch (IOException | RuntimeException | Error e) {
                    handOff.abort();
                    throw e;
                }
                handOff.finish();
            };
        }

        @Override
        public void close() {
            plan.close();
        }
    }
}
