package io.patchserve.ingest.earthnet;

import io.patchserve.ingest.IngestEntry;
import io.patchserve.ingest.Skipped;
import io.patchserve.ingest.SourceUnit;
import io.patchserve.ingest.WorkFiles;
import io.patchserve.raster.NotReadable;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One cube of a release as ingest reads it: its item made by {@code reader} in work files of its own (deleted
 * with the unit), or a skip with the reason the cube cannot be read.
 */
final class CubeUnit implements SourceUnit {

    /** Reads a cube into its item, writing its files into {@code work}. */
    @FunctionalInterface
    interface Reader {
        IngestEntry read(WorkFiles work) throws IOException, NotReadable;
    }

    private final String name;
    private final Path workDir;
    private final Reader reader;
    private WorkFiles work;

    CubeUnit(String name, Path workDir, Reader reader) {
        this.name = name;
        this.workDir = workDir;
        this.reader = reader;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public IngestEntry read() throws IOException {
        work = WorkFiles.create(workDir, "earthnet-");
        try {
            return reader.read(work);
        } catch (NotReadable e) {
            return new Skipped(name, e.getMessage());
        }
    }

    @Override
    public void release() {
        if (work != null) {
            work.delete();
        }
    }
}
