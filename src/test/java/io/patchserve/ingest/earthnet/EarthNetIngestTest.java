package io.patchserve.ingest.earthnet;

import io.patchserve.ingest.IngestReport;
import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.Skipped;
import io.patchserve.catalog.TransactionService;
import io.patchserve.testing.PythonTools;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EarthNet cubes of both generations, made with xarray (the minicuber's encoding, netcdf4 and h5netcdf engines)
 * and numpy.savez_compressed by make_earthnet.py, are ingested one item per cube and checked by h5py and xarray
 * against xarray's and numpy's reading of the sources (check_earthnet.py).
 */
@QuarkusTest
class EarthNetIngestTest {

    @Inject
    IngestService ingest;

    @Inject
    TransactionService transactions;

    @TempDir
    Path temp;

    @Test
    void cubesOfBothGenerationsLandExactly() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String en21x = "en21x-" + suffix, en21 = "en21-" + suffix;
        Path release = temp.resolve("earthnet");
        PythonTools.run("make_earthnet.py", release.toString());

        IngestReport x = ingest.ingest(EarthNet2021xFormat.NAME, en21x, release.resolve("en21x"));
        assertThat(x.succeeded()).as(x.failure()).isTrue();
        assertThat(x.created()).isEqualTo(2);
        assertThat(x.skips()).extracting(Skipped::reason).containsExactlyInAnyOrder(
                "a NetCDF-3 (classic, 64-bit offset) file; only NetCDF-4 (HDF5) files are read: convert it with nccopy -k nc4 "
                        + "or xarray's to_netcdf",
                "time coordinate 'time': time units 'fortnights since 2019-05-01' are not decoded: 'fortnights' is not days, "
                        + "hours, minutes, seconds, milliseconds, microseconds or nanoseconds");

        IngestReport n = ingest.ingest(EarthNet2021Format.NAME, en21, release.resolve("en21"));
        assertThat(n.succeeded()).as(n.failure()).isTrue();
        assertThat(n.created()).isEqualTo(2);
        assertThat(n.skips()).extracting(Skipped::reason).containsExactly(
                "32UMC_2018-02-02_2018-07-01_1_129_1_129_0_80_0_80.npz has no highresdynamic (it has [highresstatic])");

        String output = PythonTools.run("check_earthnet.py", "http://localhost:" + RestAssured.port, en21x, en21, release.toString());
        assertThat(output).contains("earthnet2021x: ok, 2 cubes checked", "earthnet2021: ok, 2 cubes checked", "earthnet search: ok",
                "earthnet stacks: ok");
        // statistics over every step of every cube, masked pixels left out, per split: numpy's over the served data
        for (String collection : new String[]{en21x, en21}) {
            assertThat(PythonTools.run("check_statistics.py", "http://localhost:" + RestAssured.port, collection))
                    .contains("statistics: ok, 2 items");
        }
        assertThat(ingest.ingest(EarthNet2021Format.NAME, en21, release.resolve("en21")).unchanged()).isEqualTo(2);
        // a deleted cube's pixels leave the statistics as they were counted: read back over time, with its masks
        transactions.deleteItem(en21x, "29SND_2017-06-20_2017-11-16_1209_1337_5049_5177_18_98_78_158");
        assertThat(PythonTools.run("check_statistics.py", "http://localhost:" + RestAssured.port, en21x))
                .contains("statistics: ok, 1 items");
    }
}
