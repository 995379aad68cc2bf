package dev.crudjt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretKeysTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void keyWrappedAcrossLinesDecodesAsOne() {
        byte[] key = randomBytes(64);
        String encoded = Base64.getEncoder().encodeToString(key);

        for (int width : new int[] {64, 76}) {
            String wrapped = encoded.substring(0, width) + "\n" + encoded.substring(width) + "\n";

            assertThat(SecretKeys.decode(wrapped)).as("wrapped at %d", width).isEqualTo(key);
        }
    }

    @Test
    void spacesTabsAndLineBreaksAnywhereAreIgnored() {
        byte[] key = randomBytes(48);
        String encoded = Base64.getEncoder().encodeToString(key);
        String spaced = " \t" + encoded.substring(0, 10) + "\r\n" + encoded.substring(10, 30)
                + " \t " + encoded.substring(30, 50) + "\f\r" + encoded.substring(50) + "\r\n";

        assertThat(SecretKeys.decode(spaced)).isEqualTo(key);
    }

    @Test
    void keyWrappedWithCarriageReturnsDecodesAsOne() {
        byte[] key = randomBytes(64);
        String wrapped = Base64.getMimeEncoder().encodeToString(key);

        assertThat(wrapped).contains("\r\n");
        assertThat(SecretKeys.decode(wrapped)).isEqualTo(key);
    }

    @Test
    void otherCharactersInsideAKeyAreStillRejectedWithoutShowingIt() {
        String encoded = Base64.getEncoder().encodeToString(randomBytes(32));
        String broken = encoded.substring(0, 20) + "\u00a0" + encoded.substring(20);

        assertThatIllegalArgumentException().isThrownBy(() -> SecretKeys.decode(broken))
                .withMessage("'secretKey' is not valid standard Base64 (45 characters): "
                        + "generate one with 'openssl rand -base64 48'")
                .withMessageNotContaining(encoded.substring(0, 20));
    }

    @Test
    void keyOfOnlyWhitespaceIsBlank() {
        assertThatIllegalArgumentException().isThrownBy(() -> SecretKeys.decode(" \r\n\t"))
                .withMessage("'secretKey' must not be blank: generate one with "
                        + "'openssl rand -base64 48'");
    }

    @Test
    void wrappedKeyOfAnotherLengthNamesTheDecodedLength() {
        String encoded = Base64.getEncoder().encodeToString(randomBytes(40));
        String wrapped = encoded.substring(0, 30) + "\n" + encoded.substring(30);

        assertThatIllegalArgumentException().isThrownBy(() -> SecretKeys.decode(wrapped))
                .withMessage("'secretKey' must decode to 32, 48 or 64 bytes, decoded to 40 "
                        + "bytes: generate one with 'openssl rand -base64 48'");
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
