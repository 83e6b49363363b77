package io.patchserve.ingest;

import java.io.IOException;
import java.nio.file.Path;

/** A format whose items are single files of a folder or archive (SMCEFR's PNGs). */
public interface PerFileFormat extends DatasetFormat {

    /**
     * Reads one file of the release. Must not throw for bad content: a bad file is a {@link Skipped}. Files the
     * item adds (a thumbnail) go into {@code work}, created on first use and deleted with the unit.
     */
    IngestEntry read(SourceFile file, Work work) throws IOException;

    /** The unit's work files, named when first asked for. */
    interface Work {
        WorkFiles files() throws IOException;
    }

    /** What an archive release may cost the walk. */
    ArchiveLimits archiveLimits();

    @Override
    default void walk(Path source, Path workDir, UnitSink sink) throws Exception {
        SourceFiles.forEach(source, workDir, archiveLimits(), new SourceFiles.Visitor() {
            @Override
            public void expect(long files) {
                sink.expect(files);
            }

            @Override
            public void visit(SourceFile file) throws Exception {
                sink.accept(unit(file, workDir));
            }
        });
    }

    private SourceUnit unit(SourceFile file, Path workDir) {
        return new SourceUnit() {
            private WorkFiles work;

            @Override
            public String name() {
                return file.name();
            }

            @Override
            public IngestEntry read() throws IOException {
                return file.refusal() != null ? new Skipped(file.name(), file.refusal())
                        : PerFileFormat.this.read(file, () -> work != null ? work : (work = WorkFiles.create(workDir, "file-")));
            }

            @Override
            public void release() {
                file.release();
                if (work != null) {
                    work.delete();
                }
            }
        };
    }
}
