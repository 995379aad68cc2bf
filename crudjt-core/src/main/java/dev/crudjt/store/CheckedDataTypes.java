package dev.crudjt.store;

import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The key and value types of the store's maps: the same bytes on disk as MVStore's
 * {@link StringDataType} and {@link ByteArrayDataType}, but a length read from a page is checked
 * against the bytes the page has left before anything is allocated.
 *
 * <p>MVStore checks a page's position and length, not its contents. Without these checks one
 * flipped bit in a length makes a read allocate up to gigabytes, or fail with
 * {@link OutOfMemoryError}; with them it fails as a damaged page, which fails only the calls
 * that need that page.
 */
final class CheckedDataTypes {

    /** The most entries a page of this store can hold, far above what a page really holds. */
    private static final int MAX_PAGE_ENTRIES = 1 << 20;

    /** Keys: slots and the names of meta entries. */
    static final StringDataType KEYS = new CheckedStrings();

    /** Values: records and meta values. */
    static final BasicDataType<byte[]> VALUES = new CheckedByteArrays();

    private CheckedDataTypes() {
    }

    private static int checkedLength(ByteBuffer buffer, String what) {
        int length = DataUtils.readVarInt(buffer);
        if (length < 0 || length > buffer.remaining()) {
            throw damaged(what + " length " + length + " with " + buffer.remaining()
                    + " bytes left in the page");
        }
        return length;
    }

    private static void checkEntries(int size) {
        if (size < 0 || size > MAX_PAGE_ENTRIES) {
            throw damaged("page of " + size + " entries");
        }
    }

    private static MVStoreException damaged(String what) {
        return DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT,
                "Damaged page: {0}", what);
    }

    /** {@link StringDataType} with checked lengths. */
    private static final class CheckedStrings extends StringDataType {

        @Override
        public String read(ByteBuffer buffer) {
            return DataUtils.readString(buffer, checkedLength(buffer, "string"));
        }

        @Override
        public String[] createStorage(int size) {
            checkEntries(size);
            return super.createStorage(size);
        }
    }

    /** {@link ByteArrayDataType} with checked lengths. */
    private static final class CheckedByteArrays extends BasicDataType<byte[]> {

        @Override
        public int getMemory(byte[] data) {
            return data.length;
        }

        @Override
        public void write(WriteBuffer buffer, byte[] data) {
            buffer.putVarInt(data.length);
            buffer.put(data);
        }

        @Override
        public byte[] read(ByteBuffer buffer) {
            byte[] data = new byte[checkedLength(buffer, "byte array")];
            buffer.get(data);
            return data;
        }

        @Override
        public byte[][] createStorage(int size) {
            checkEntries(size);
            return new byte[size][];
        }
    }
}
