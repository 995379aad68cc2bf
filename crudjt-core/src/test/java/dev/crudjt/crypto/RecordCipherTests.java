package dev.crudjt.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordCipherTests {

    private static final Base64.Encoder TOKENS = Base64.getUrlEncoder().withoutPadding();

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

    @Test
    void slotsAreStablePerKeyDistinctPerTokenAndUnlikeTheToken() {
        byte[] secret = RecordCipher.randomBytes(32);
        RecordCipher cipher = new RecordCipher(secret);
        RecordCipher sameKey = new RecordCipher(secret.clone());
        RecordCipher otherKey = new RecordCipher(RecordCipher.randomBytes(32));
        Set<String> slots = new HashSet<>();

        for (int i = 0; i < 2_000; i++) {
            String token = TOKENS.encodeToString(RecordCipher.randomBytes(16));
            String slot = cipher.slotOf(token);
            assertThat(slot).hasSize(22).isNotEqualTo(token).isEqualTo(sameKey.slotOf(token))
                    .isNotEqualTo(otherKey.slotOf(token));
            assertThat(slots.add(slot)).isTrue();
        }
    }

    @Test
    void tokensNoMasterHandsOutHaveNoSlot() {
        RecordCipher cipher = new RecordCipher(RecordCipher.randomBytes(64));
        String token = TOKENS.encodeToString(new byte[16]);

        assertThat(cipher.slotOf(token)).isNotNull();
        assertThat(cipher.slotOf(token.substring(0, 21) + "B")).as("non-zero trailing bits")
                .isNull();
        assertThat(cipher.slotOf(token.substring(0, 20) + "+A")).as("not URL-safe").isNull();
        assertThat(cipher.slotOf(token.substring(0, 20) + "=A")).as("padding inside").isNull();
        assertThat(cipher.slotOf(token + "A")).as("too long").isNull();
        assertThat(cipher.slotOf(token.substring(1))).as("too short").isNull();
    }
}
