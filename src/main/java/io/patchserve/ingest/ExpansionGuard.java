package io.patchserve.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Counts the bytes an archive expands to as they are read and stops the read once they pass the
 * {@link ArchiveLimits}: total, or ratio to the archive bytes read so far. Checked on every read, so a bomb
 * costs at most one buffer beyond its limit in time and disk.
 */
final class ExpansionGuard extends FilterInputStream {

    private final ArchiveLimits limits;
    private final LongSupplier archiveBytesRead;
    private long expanded;

    ExpansionGuard(InputStream expanding, LongSupplier archiveBytesRead, ArchiveLimits limits) {
        super(expanding);
        this.archiveBytesRead = archiveBytesRead;
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws IOException {
        expanded += n;
        if (expanded > limits.expandedBytes()) {
            throw new ArchiveTooLargeException("it expands to more than " + limits.expandedBytes()
                    + " bytes (patchserve.ingest.max-archive-expanded-bytes)");
        }
        long read = Math.max(1, archiveBytesRead.getAsLong());
        if (expanded > limits.graceBytes() && expanded > limits.ratio() * read) {
            throw new ArchiveTooLargeException(String.format("it expands to %d bytes from %d, more than %s times its size"
                    + " (patchserve.ingest.max-archive-ratio): a decompression bomb", expanded, read, limits.ratio()));
        }
    }

    /** An archive past its limits: the whole walk stops, as the rest cannot be trusted to be read in bounds. */
    static final class ArchiveTooLargeException extends IOException {
        ArchiveTooLargeException(String message) {
            super(message);
        }
    }
}
