package io.patchserve.ops;

import io.micrometer.core.instrument.Counter;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts bytes into a counter (e.g. {@link Metrics#bytesServed}) as they go out. */
public final class CountingOutput extends FilterOutputStream {

    private final Counter counter;

    public CountingOutput(OutputStream out, Counter counter) {
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
