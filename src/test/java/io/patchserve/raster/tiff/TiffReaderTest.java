package io.patchserve.raster.tiff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import io.patchserve.testing.PythonTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The GeoTIFF reader against what GDAL writes (src/test/python/make_tiff_codecs.py): eight sample types in
 * eleven layouts (uncompressed, LZW, Deflate, PackBits, horizontal predictor, tiles, tiles past the image's edge,
 * short strips, one strip, big-endian) read pixel for pixel with their georeference, EPSG code and nodata as
 * gdalinfo reports them; and what it cannot read (predictor 3, ZSTD, LZMA, JPEG, BigTIFF, several bands as one,
 * truncated, lying or foreign files) refused with the reason; files of several bands, pixel- and band-interleaved,
 * read band by band (as WorldStrat's Sentinel-2 and SPOT images are).
 */
@Tag("unit")
class TiffReaderTest {

    @TempDir
    static Path dir;
    private static JsonNode cases;

    private static final Map<String, DataType> TYPES = Map.of("u8", DataType.UINT8, "i8", DataType.INT8, "u16", DataType.UINT16,
            "i16", DataType.INT16, "u32", DataType.UINT32, "i32", DataType.INT32, "f32", DataType.FLOAT32, "f64", DataType.FLOAT64);

    @BeforeAll
    static void makeFiles() throws Exception {
        PythonTools.run("make_tiff_codecs.py", dir.toString());
        cases = new ObjectMapper().readTree(dir.resolve("cases.json").toFile());
    }

    @Test
    void everyLayoutGdalWritesReadsBackExactly() throws Exception {
        List<String> read = new ArrayList<>();
        for (JsonNode c : cases) {
            if (!c.path("expect").asText().equals("pixels")) {
                continue;
            }
            String file = c.get("file").asText();
            TiffImage image = TiffReader.read(dir.resolve(file));
            DataType type = TYPES.get(c.get("dtype").asText());
            BandArray pixels = image.pixels();
            assertThat(pixels.type()).as(file).isEqualTo(type);
            assertThat(pixels.width()).as(file).isEqualTo(c.get("width").asInt());
            assertThat(pixels.height()).as(file).isEqualTo(c.get("height").asInt());
            ByteBuffer expected = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(c.get("raw").asText()))).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < pixels.length(); i++) {
                double want = value(expected, type);
                if (Double.compare(pixels.get(i), want) != 0) {
                    assertThat(pixels.get(i)).as(file + " pixel " + i).isEqualTo(want);
                }
            }
            double[] gdal = new double[6];
            for (int k = 0; k < 6; k++) {
                gdal[k] = c.get("geotransform").get(k).asDouble();
            }
            assertThat(image.grid().transform()).as(file).containsExactly(gdal);
            assertThat(image.epsg()).as(file).isEqualTo(c.get("epsg").asInt());
            if (c.hasNonNull("nodata")) {
                assertThat(image.nodata()).as(file).isEqualTo(c.get("nodata").asDouble());
            } else {
                assertThat(image.nodata()).as(file).isNull();
            }
            read.add(file);
        }
        assertThat(read).hasSizeGreaterThanOrEqualTo(8 * 9).contains("u16-tile-past-edge.tif", "i8-big-endian.tif",
                "f64-tiled16.tif", "u32-lzw-pred2.tif");
    }

    @Test
    void filesOfSeveralBandsReadBackBandByBand() throws Exception {
        List<String> read = new ArrayList<>();
        io.patchserve.raster.PixelBudget budget = new io.patchserve.raster.PixelBudget(4096, 1 << 24, 1 << 28);
        for (JsonNode c : cases) {
            if (!c.path("expect").asText().equals("bands")) {
                continue;
            }
            String file = c.get("file").asText();
            TiffImage image = TiffReader.readBands(dir.resolve(file), budget);
            DataType type = TYPES.get(c.get("dtype").asText());
            assertThat(image.bands()).as(file).hasSize(c.get("raws").size());
            for (int b = 0; b < image.bands().size(); b++) {
                BandArray pixels = image.bands().get(b);
                assertThat(pixels.type()).as(file).isEqualTo(type);
                assertThat(pixels.width()).as(file).isEqualTo(c.get("width").asInt());
                ByteBuffer expected = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(c.get("raws").get(b).asText())))
                        .order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < pixels.length(); i++) {
                    double want = value(expected, type);
                    if (Double.compare(pixels.get(i), want) != 0) {
                        assertThat(pixels.get(i)).as(file + " band " + b + " pixel " + i).isEqualTo(want);
                    }
                }
            }
            assertThat(image.epsg()).as(file).isEqualTo(c.get("epsg").asInt());
            // the single-band reading refuses them, as BigEarthNet's band files must hold one band
            assertThatThrownBy(() -> TiffReader.read(dir.resolve(file))).as(file)
                    .hasMessageContaining("only single-band TIFFs are supported");
            read.add(file);
        }
        assertThat(read).hasSize(4 * 6).contains("u16-bands-pixel-lzw-pred2.tif", "u16-bands-band-deflate-pred2.tif",
                "f32-bands-pixel-tiled16.tif", "i16-bands-pixel-big-endian.tif");
    }

    @Test
    void whatItCannotReadIsRefusedWithTheReason() {
        int refused = 0;
        for (JsonNode c : cases) {
            if (!c.path("expect").asText().equals("refused")) {
                continue;
            }
            Path file = dir.resolve(c.get("file").asText());
            assertThatThrownBy(() -> TiffReader.read(file)).as(file.getFileName().toString())
                    .isInstanceOf(InvalidTiffException.class).hasMessageContaining(c.get("reason").asText());
            refused++;
        }
        assertThat(refused).isGreaterThanOrEqualTo(10);
    }

    private static double value(ByteBuffer b, DataType type) {
        return switch (type) {
            case UINT8 -> b.get() & 0xFF;
            case INT8 -> b.get();
            case UINT16 -> b.getShort() & 0xFFFF;
            case INT16 -> b.getShort();
            case UINT32 -> b.getInt() & 0xFFFFFFFFL;
            case INT32 -> b.getInt();
            case FLOAT32 -> b.getFloat();
            case FLOAT64 -> b.getDouble();
        };
    }
}
