package io.patchserve.raster.npy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.raster.NotReadable;
import io.patchserve.testing.PythonTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The .npy reader against files numpy.save writes (make_npy_cases.py): every numeric dtype, big-endian, Fortran
 * order (and a transposed view numpy saves that way), a version 2.0 header, each value equal to numpy's; complex
 * and string arrays, truncated data and oversized shapes refused with the reason.
 */
@Tag("unit")
class NpyReaderTest {

    @TempDir
    static Path dir;
    private static JsonNode cases;

    @BeforeAll
    static void makeFiles() throws Exception {
        PythonTools.run("make_npy_cases.py", dir.toString());
        cases = new ObjectMapper().readTree(dir.resolve("cases.json").toFile());
    }

    @Test
    void everyNumericLayoutReadsAsNumpyHasIt() throws Exception {
        List<String> read = new ArrayList<>();
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            if (!c.get("expect").asText().equals("values")) {
                continue;
            }
            NpyReader.NpyArray a;
            try (InputStream in = Files.newInputStream(dir.resolve(name + ".npy"))) {
                a = NpyReader.read(in, 1 << 20);
            }
            int[] shape = new int[c.get("shape").size()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = c.get("shape").get(d).asInt();
            }
            assertThat(a.shape()).as(name).containsExactly(shape);
            ByteBuffer want = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + ".f8"))).order(ByteOrder.LITTLE_ENDIAN);
            int[] index = new int[shape.length];
            for (int i = 0; i < want.capacity() / 8; i++) {
                assertThat(a.get(index)).as(name + " value " + i).isEqualTo(want.getDouble(i * 8));
                for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                    index[d] = 0;
                }
            }
            read.add(name);
        }
        assertThat(read).hasSize(15);
    }

    @Test
    void whatItCannotReadIsRefusedWithTheReason() throws Exception {
        assertThatThrownBy(() -> read("complex.npy", 1 << 20)).isInstanceOf(NotReadable.class).hasMessageContaining("dtype c8");
        assertThatThrownBy(() -> read("strings.npy", 1 << 20)).isInstanceOf(NotReadable.class).hasMessageContaining("dtype U1");
        assertThatThrownBy(() -> read("float32.npy", 10)).isInstanceOf(NotReadable.class)
                .hasMessage("an array of shape [3, 4, 5] is more than the 10 values read here");
        byte[] whole = Files.readAllBytes(dir.resolve("float32.npy"));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 7);
        assertThatThrownBy(() -> NpyReader.read(new ByteArrayInputStream(cut), 1 << 20)).isInstanceOf(NotReadable.class)
                .hasMessage("the array's data ends after 233 of 240 bytes");
        assertThatThrownBy(() -> NpyReader.read(new ByteArrayInputStream("PK\3\4not npy".getBytes()), 100))
                .isInstanceOf(NotReadable.class).hasMessageContaining("no \\x93NUMPY magic");
    }

    private static NpyReader.NpyArray read(String file, long max) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            return NpyReader.read(in, max);
        }
    }
}
