package dev.crudjt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;

class CheckedDataTypesTests {

    @Test
    void writeTheSameBytesAsMvStoresOwnTypesAndReadThemBack() {
        byte[] record = "record bytes".getBytes(StandardCharsets.US_ASCII);

        assertThat(written(CheckedDataTypes.VALUES, record))
                .isEqualTo(written(ByteArrayDataType.INSTANCE, record));
        assertThat(written(CheckedDataTypes.KEYS, "slot-ü"))
                .isEqualTo(written(StringDataType.INSTANCE, "slot-ü"));
        assertThat(CheckedDataTypes.VALUES.read(ByteBuffer.wrap(
                written(ByteArrayDataType.INSTANCE, record)))).isEqualTo(record);
        assertThat(CheckedDataTypes.KEYS.read(ByteBuffer.wrap(
                written(StringDataType.INSTANCE, "slot-ü")))).isEqualTo("slot-ü");
    }

    @Test
    void lengthsPastTheEndOfThePageFailAsDamagedWithoutAllocating() {
        ByteBuffer huge = lengthThenBytes(Integer.MAX_VALUE, 16);
        ByteBuffer negative = lengthThenBytes(-7, 16);
        ByteBuffer oneTooMany = lengthThenBytes(17, 16);

        assertDamaged(() -> CheckedDataTypes.VALUES.read(huge));
        assertDamaged(() -> CheckedDataTypes.VALUES.read(negative));
        assertDamaged(() -> CheckedDataTypes.KEYS.read(oneTooMany.duplicate()));
        assertDamaged(() -> CheckedDataTypes.VALUES.read(oneTooMany.duplicate()));
        assertDamaged(() -> CheckedDataTypes.KEYS.createStorage(Integer.MAX_VALUE));
        assertDamaged(() -> CheckedDataTypes.VALUES.createStorage(-1));
    }

    private static <T> byte[] written(org.h2.mvstore.type.DataType<T> type, T value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return copy;
    }

    private static ByteBuffer lengthThenBytes(int length, int bytes) {
        WriteBuffer buffer = new WriteBuffer();
        buffer.putVarInt(length);
        buffer.put(new byte[bytes]);
        ByteBuffer result = buffer.getBuffer();
        result.flip();
        return result;
    }

    private static void assertDamaged(Runnable read) {
        MVStoreException ex = catchThrowableOfType(MVStoreException.class, read::run);

        assertThat(ex).isNotNull();
        assertThat(ex.getErrorCode()).isEqualTo(DataUtils.ERROR_FILE_CORRUPT);
        assertThat(ex.getMessage()).contains("Damaged page");
    }
}
