package io.patchserve.raster.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.message.DataSpace;
import io.jhdf.storage.HdfBackingStorage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * An attribute whose HDF5 datatype message and raw bytes are given as they go on disk, for what jHDF 0.13 cannot
 * encode itself: object references, variable-length sequences, compounds and exactly null-terminated strings
 * (H5DS checks {@code CLASS} for {@code H5T_STR_NULLTERM}). The bytes are asked for when jHDF writes the object
 * header, so an attribute can describe attachments made after it was put.
 */
final class RawAttribute implements Attribute {

    /** An 8-byte object reference (H5R_OBJECT): the address of the object header it points to. */
    static final byte[] OBJECT_REFERENCE = new byte[]{0x17, 0, 0, 0, 8, 0, 0, 0};
    /** A signed little-endian 32-bit integer. */
    static final byte[] INT32 = new byte[]{0x10, 0x08, 0, 0, 4, 0, 0, 0, 0, 0, 32, 0};

    private final String name;
    private final Node node;
    private final RawType type;
    private final Supplier<Payload> payload;

    /** Elements' bytes and their count (a one-dimensional attribute), or a scalar when {@code count} is -1. */
    record Payload(byte[] bytes, int count) {
    }

    RawAttribute(String name, Node node, byte[] datatypeMessage, Supplier<Payload> payload) {
        this.name = name;
        this.node = node;
        this.type = new RawType(datatypeMessage);
        this.payload = payload;
    }

    /** A scalar fixed-length ASCII string, null-terminated inside its size, as H5DS writes CLASS and NAME. */
    static RawAttribute string(String name, Node node, String value) {
        byte[] text = value.getBytes(StandardCharsets.US_ASCII);
        int size = text.length + 1;
        byte[] message = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0x13).put((byte) 0x00).put((byte) 0).put((byte) 0).putInt(size).array();
        byte[] bytes = java.util.Arrays.copyOf(text, size);
        return new RawAttribute(name, node, message, () -> new Payload(bytes, -1));
    }

    /** A variable-length sequence of {@code base}: what DIMENSION_LIST holds per axis. */
    static byte[] sequenceOf(byte[] base) {
        return ByteBuffer.allocate(8 + base.length).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0x19).put((byte) 0).put((byte) 0).put((byte) 0).putInt(16).put(base).array();
    }

    /** H5DS's REFERENCE_LIST element: {dataset: object reference, dimension: int32}, packed in 12 bytes. */
    static byte[] referenceListElement() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0x36).put((byte) 2).put((byte) 0).put((byte) 0).putInt(12);
        b.put("dataset".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).put(OBJECT_REFERENCE);
        b.put("dimension".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 8).put(INT32);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Override
    public DataType getDataType() {
        return type;
    }

    @Override
    public DataSpace getDataSpace() {
        int count = payload.get().count();
        return DataSpace.fromObject(count < 0 ? (Object) 0 : new byte[count]);
    }

    @Override
    public Object getData() {
        return payload.get().bytes();
    }

    @Override
    public Node getNode() {
        return node;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public long getSize() {
        return Math.max(1, payload.get().count());
    }

    @Override
    public long getSizeInBytes() {
        return payload.get().bytes().length;
    }

    @Override
    public int[] getDimensions() {
        int count = payload.get().count();
        return count < 0 ? new int[0] : new int[]{count};
    }

    @Override
    public long[] getDimensionsAsLong() {
        return java.util.Arrays.stream(getDimensions()).asLongStream().toArray();
    }

    @Override
    public Class<?> getJavaType() {
        return byte[].class;
    }

    @Override
    public boolean isScalar() {
        return payload.get().count() < 0;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public ByteBuffer getBuffer() {
        return ByteBuffer.wrap(payload.get().bytes());
    }

    /** A datatype that is its message: jHDF reads class, version and size from it and writes it back unchanged. */
    private static final class RawType extends DataType {
        private final byte[] message;

        RawType(byte[] message) {
            super(ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN));
            this.message = message;
        }

        @Override
        public ByteBuffer toBuffer() {
            return ByteBuffer.wrap(message.clone());
        }

        @Override
        public ByteBuffer encodeData(Object data) {
            return ByteBuffer.wrap((byte[]) data);
        }

        @Override
        public Class<?> getJavaType() {
            return byte[].class;
        }

        @Override
        public Object fillData(ByteBuffer buffer, int[] dimensions, HdfBackingStorage storage) {
            throw new UnsupportedOperationException("written only");
        }
    }
}
