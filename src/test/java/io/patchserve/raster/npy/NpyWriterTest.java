package io.patchserve.raster.npy;

import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The .npy framing NumPy's reader expects (numpy.load reads the service's arrays in check_bigearthnet.py). */
@Tag("unit")
class NpyWriterTest {

    @Test
    void headerIsAlignedAndTheSamplesFollowInCOrderLittleEndian() throws Exception {
        BandArray a = BandArray.allocate(DataType.INT16, 3, 2), b = BandArray.allocate(DataType.INT16, 3, 2);
        for (int i = 0; i < 6; i++) {
            a.set(i, i - 3);
            b.set(i, 1000 + i);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyWriter.write(out, List.of(a, b));
        byte[] bytes = out.toByteArray();

        assertThat(bytes[0] & 0xFF).isEqualTo(0x93);
        assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        int dataStart = 10 + headerLength;
        assertThat(dataStart % 64).isZero();
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<i2', 'fortran_order': False, 'shape': (2, 2, 3), }").endsWith("\n");
        assertThat(bytes).hasSize(dataStart + 2 * 6 * 2);
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, 24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            assertThat(data.getShort()).isEqualTo((short) (i - 3));
        }
        for (int i = 0; i < 6; i++) {
            assertThat(data.getShort()).isEqualTo((short) (1000 + i));
        }
        assertThat(NpyWriter.header(DataType.INT16, 2, 2, 3)).isEqualTo(java.util.Arrays.copyOf(bytes, dataStart));
    }

    @Test
    void namesEveryTypeAsNumpyDoesAndRefusesMixedBands() {
        assertThat(NpyWriter.descr(DataType.UINT8)).isEqualTo("|u1");
        assertThat(NpyWriter.descr(DataType.UINT16)).isEqualTo("<u2");
        assertThat(NpyWriter.descr(DataType.FLOAT64)).isEqualTo("<f8");
        assertThatThrownBy(() -> NpyWriter.write(new ByteArrayOutputStream(),
                List.of(BandArray.allocate(DataType.UINT8, 2, 2), BandArray.allocate(DataType.UINT16, 2, 2))))
                .hasMessageContaining("one type and size");
    }
}
