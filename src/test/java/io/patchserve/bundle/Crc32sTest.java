package io.patchserve.bundle;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** CRC-32 of a concatenation from its parts' CRCs, checked against the JDK's CRC32 over the whole. */
@Tag("unit")
class Crc32sTest {

    @Test
    void combiningPartsGivesTheCrcOfTheWhole() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] whole = new byte[random.nextInt(5000)];
            random.nextBytes(whole);
            int cut = whole.length == 0 ? 0 : random.nextInt(whole.length + 1);
            long combined = Crc32s.combine(crc(whole, 0, cut), crc(whole, cut, whole.length - cut), whole.length - cut);
            assertThat(combined).as("round %d, %d bytes cut at %d", round, whole.length, cut).isEqualTo(crc(whole, 0, whole.length));
        }
    }

    @Test
    void longRunsOfZerosCombineWithoutReadingThem() {
        // 64 MiB of zeros as 1024 parts of 64 KiB: the way a bundle's trailer is built from recorded CRCs
        byte[] part = new byte[64 * 1024];
        long partCrc = crc(part, 0, part.length);
        long combined = new CRC32().getValue();
        CRC32 direct = new CRC32();
        for (int i = 0; i < 1024; i++) {
            combined = Crc32s.combine(combined, partCrc, part.length);
            direct.update(part);
        }
        assertThat(combined).isEqualTo(direct.getValue());
    }

    @Test
    void anEmptySecondPartChangesNothing() {
        assertThat(Crc32s.combine(0x1234_5678L, new CRC32().getValue(), 0)).isEqualTo(0x1234_5678L);
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
