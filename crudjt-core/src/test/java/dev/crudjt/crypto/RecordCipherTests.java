package dev.crudjt.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordCipherTests {

    @Test
    void randomBytesNeverRepeatAcrossBufferRefills() {
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Arrays.toString(RecordCipher.randomBytes(12)))).isTrue();
        }
    }

    @Test
    void randomBytesHaveTheRequestedLengthAboveAndBelowTheBuffer() {
        assertThat(RecordCipher.randomBytes(16)).hasSize(16);
        assertThat(RecordCipher.randomBytes(1000)).hasSize(1000);
        assertThat(RecordCipher.randomBytes(0)).isEmpty();
    }

    @Test
    void sealedRecordsOpenWithTheSameAssociatedDataOnly() {
        RecordCipher cipher = new RecordCipher(RecordCipher.randomBytes(48));
        byte[] plaintext = {1, 2, 3};
        byte[] sealed = new byte[RecordCipher.sealedLength(plaintext.length)];
        cipher.seal(new byte[] {9}, plaintext, sealed, 0);

        assertThat(cipher.open(new byte[] {9}, sealed, 0)).isEqualTo(plaintext);
        assertThat(cipher.open(new byte[] {8}, sealed, 0)).isNull();
    }
}
