package io.patchserve.bundle;

/**
 * CRC-32 of a concatenation from the CRCs of its parts: crc(A + B) from crc(A), crc(B) and B's length, by
 * applying "append len(B) zero bytes" to crc(A) as a matrix over GF(2) raised by repeated squaring (the method
 * of zlib's crc32_combine). A bundle's gzip trailer is built this way from the CRCs recorded at ingest, so a
 * resumed download never reads the objects before the range it asks for.
 */
final class Crc32s {

    private static final long POLYNOMIAL = 0xEDB88320L;

    private Crc32s() {
    }

    static long combine(long crc1, long crc2, long length2) {
        if (length2 <= 0) {
            return crc1;
        }
        long[] even = new long[32];
        long[] odd = new long[32];
        odd[0] = POLYNOMIAL; // the operator for one zero bit
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long crc = crc1;
        long remaining = length2;
        do {
            square(even, odd); // first pass: one zero byte
            if ((remaining & 1) != 0) {
                crc = times(even, crc);
            }
            remaining >>>= 1;
            if (remaining == 0) {
                break;
            }
            square(odd, even);
            if ((remaining & 1) != 0) {
                crc = times(odd, crc);
            }
            remaining >>>= 1;
        } while (remaining != 0);
        return (crc ^ crc2) & 0xFFFFFFFFL;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] target, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            target[n] = times(matrix, matrix[n]);
        }
    }
}
