package dev.crudjt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Tests of option checks, including the secret key rules. */
class MasterOptionsTests {

    @Test
    void keysOf32And48And64BytesAreAcceptedWithSurroundingWhitespace() {
        for (int length : new int[] {32, 48, 64}) {
            MasterOptions options = MasterOptions.builder()
                    .secretKey("  " + TestKeys.randomKey(length) + "\n").build();

            assertThat(options.secretKey()).hasSize(length);
        }
    }

    @Test
    void keyOfAnotherLengthIsRejectedNamingTheDecodedLengthButNotTheKey() {
        for (int length : new int[] {16, 31, 33, 65}) {
            String key = TestKeys.randomKey(length);

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> MasterOptions.builder().secretKey(key).build())
                    .withMessageContaining("decoded to " + length + " bytes")
                    .withMessageContaining("openssl rand -base64 48")
                    .withMessageNotContaining(key);
        }
    }

    @Test
    void keyThatIsNotBase64IsRejectedWithoutEchoingIt() {
        String key = "not*base64*at*all*but*secret*words";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> MasterOptions.builder().secretKey(key).build())
                .withMessageContaining("not valid standard Base64")
                .withMessageNotContaining(key);
    }

    @Test
    void missingOrBlankKeyIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> MasterOptions.builder().build())
                .withMessageContaining("'secretKey' must be set");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MasterOptions.builder().secretKey("  ").build())
                .withMessageContaining("'secretKey' must not be blank");
    }

    @Test
    void badOptionsAreRejectedNamingTheOption() {
        String key = TestKeys.randomKey(32);

        assertThatIllegalArgumentException().isThrownBy(() -> MasterOptions.builder()
                .secretKey(key).commitInterval(Duration.ZERO).build())
                .withMessage("'commitInterval' must be a positive duration, was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> MasterOptions.builder()
                .secretKey(key).sweepInterval(Duration.ofSeconds(-1)).build())
                .withMessage("'sweepInterval' must be a positive duration, was PT-1S");
        assertThatIllegalArgumentException().isThrownBy(() -> MasterOptions.builder()
                .secretKey(key).cacheSize(-1).build())
                .withMessage("'cacheSize' must be zero or more, was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> MasterOptions.builder()
                .secretKey(key).maxDataSize(1).build())
                .withMessageContaining("'maxDataSize' must be from 2 to 65536 bytes, was 1");
        assertThatIllegalArgumentException().isThrownBy(() -> MasterOptions.builder()
                .secretKey(key).grpcPort(70000).build())
                .withMessage("'grpcPort' must be from 0 to 65535, was 70000");
    }

    @Test
    void toStringHidesTheKey() {
        String key = TestKeys.randomKey(48);

        String text = MasterOptions.builder().secretKey(key).build().toString();

        assertThat(text).contains("secretKey=(hidden)").doesNotContain(key);
    }

    @Test
    void clientOptionsHaveLoopbackDefaultsAndCheckValues() {
        ClientOptions options = ClientOptions.builder().build();

        assertThat(options.grpcHost()).isEqualTo("127.0.0.1");
        assertThat(options.grpcPort()).isEqualTo(50051);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ClientOptions.builder().grpcPort(0).build())
                .withMessage("'grpcPort' must be from 1 to 65535, was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ClientOptions.builder().timeout(Duration.ZERO).build())
                .withMessageContaining("'timeout'");
    }
}
