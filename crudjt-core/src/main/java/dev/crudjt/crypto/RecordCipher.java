package dev.crudjt.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Authenticated encryption of stored records with AES-256-GCM from the JDK. Internal API: not
 * supported for use outside CRUDJT.
 *
 * <p>The record key, the slot key and a key-check value are derived from the secret with
 * HKDF-SHA256 (RFC 5869), each under its own label. Every record gets a fresh random 96-bit
 * nonce; the caller's associated data (the record's slot and header) is authenticated, so a
 * record moved to another slot or with an altered header fails to decrypt. Records are filed
 * under {@linkplain #slotOf(String) slots} rather than tokens, so that a copy of the store file
 * hands out no session. Instances are thread-safe: each thread uses its own {@link Cipher}s.
 *
 * @since 0.1.0
 */
public final class RecordCipher {

    /** Length in bytes of the nonce stored in front of each ciphertext. */
    public static final int NONCE_LENGTH = 12;

    /** Length in bytes of the authentication tag appended to each ciphertext. */
    public static final int TAG_LENGTH = 16;

    /** Bytes drawn from a thread's DRBG at a time, then handed out once each. */
    private static final int RANDOM_BUFFER_LENGTH = 256;

    private static final ThreadLocal<RandomBuffer> RANDOM =
            ThreadLocal.withInitial(RandomBuffer::new);

    /** Length in characters of a token, and of a slot: 16 bytes in URL-safe Base64. */
    private static final int TOKEN_LENGTH = 22;

    /** The last character of 16 bytes in unpadded Base64 carries 2 bits and 4 zero bits. */
    private static final String LAST_TOKEN_CHARACTERS = "AQgw";

    private static final Base64.Decoder TOKEN_DECODER = Base64.getUrlDecoder();

    private static final Base64.Encoder SLOT_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec aesKey;

    private final byte[] keyCheck;

    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(RecordCipher::newCipher);

    private final ThreadLocal<Cipher> slotCiphers;

    /**
     * Derives the record key and the key check from a decoded secret.
     *
     * @param secret the decoded secret key, 32 to 64 bytes
     */
    public RecordCipher(byte[] secret) {
        byte[] prk = hmac(new byte[32], secret);
        this.aesKey = new SecretKeySpec(expand(prk, "crudjt record key v1"), "AES");
        SecretKeySpec slotKey = new SecretKeySpec(expand(prk, "crudjt token slot v1"), "AES");
        this.slotCiphers = ThreadLocal.withInitial(() -> newSlotCipher(slotKey));
        this.keyCheck = expand(prk, "crudjt key check v1");
        Arrays.fill(prk, (byte) 0);
    }

    /**
     * Returns the name under which a token's record is filed: the token's 16 bytes encrypted
     * as one AES-256 block under a key of their own, in URL-safe Base64. Distinct tokens get
     * distinct slots, and without the secret a slot can be turned back into neither a token
     * nor anything a master would accept.
     *
     * @param token a token as a master hands it out
     * @return the 22-character slot, or null when the token is not the canonical URL-safe
     *     Base64 form of 16 bytes, which no master hands out
     */
    public @Nullable String slotOf(String token) {
        if (token.length() != TOKEN_LENGTH
                || LAST_TOKEN_CHARACTERS.indexOf(token.charAt(TOKEN_LENGTH - 1)) < 0) {
            return null;
        }
        byte[] block;
        try {
            block = TOKEN_DECODER.decode(token);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
        return slotOf(block);
    }

    /**
     * Returns the slot of a token given as its 16 random bytes, as a new token is made; the
     * same slot as {@link #slotOf(String)} of its URL-safe Base64 form.
     *
     * @param tokenBytes the 16 bytes of the token; they are overwritten
     * @return the 22-character slot
     */
    public String slotOf(byte[] tokenBytes) {
        try {
            this.slotCiphers.get().doFinal(tokenBytes, 0, tokenBytes.length, tokenBytes, 0);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES block encryption failed", ex);
        }
        return SLOT_ENCODER.encodeToString(tokenBytes);
    }

    /**
     * Returns a value that identifies the secret without revealing it, stored in the file so
     * that a store opened with another key can be recognised.
     *
     * @return a copy of the 32-byte key check
     */
    public byte[] keyCheck() {
        return this.keyCheck.clone();
    }

    /**
     * Fills a new array with random bytes from a per-thread {@link SecureRandom}. The DRBG is
     * asked for {@value #RANDOM_BUFFER_LENGTH} bytes at a time, because its cost is mostly per
     * call; each buffered byte is handed out once and then zeroed.
     *
     * @param length the number of bytes
     * @return the random bytes
     */
    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.get().fill(bytes);
        return bytes;
    }

    /**
     * Encrypts a plaintext into {@code out} at {@code offset} as nonce, ciphertext and tag.
     *
     * @param aad associated data that must be given again to decrypt
     * @param plaintext the bytes to encrypt
     * @param out the target array, with {@link #sealedLength(int)} bytes free from offset
     * @param offset where the nonce starts in {@code out}
     */
    public void seal(byte[] aad, byte[] plaintext, byte[] out, int offset) {
        byte[] nonce = randomBytes(NONCE_LENGTH);
        System.arraycopy(nonce, 0, out, offset, NONCE_LENGTH);
        try {
            Cipher cipher = this.ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, this.aesKey,
                    new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(aad);
            cipher.doFinal(plaintext, 0, plaintext.length, out, offset + NONCE_LENGTH);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM encryption failed", ex);
        }
    }

    /**
     * Decrypts what {@link #seal(byte[], byte[], byte[], int)} wrote.
     *
     * @param aad the associated data given when sealing
     * @param sealed the array holding nonce, ciphertext and tag
     * @param offset where the nonce starts
     * @return the plaintext, or null when the record does not authenticate under this key and
     *     associated data
     */
    public byte @Nullable [] open(byte[] aad, byte[] sealed, int offset) {
        int length = sealed.length - offset - NONCE_LENGTH;
        if (length < TAG_LENGTH) {
            return null;
        }
        try {
            Cipher cipher = this.ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, this.aesKey,
                    new GCMParameterSpec(TAG_LENGTH * 8, sealed, offset, NONCE_LENGTH));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, offset + NONCE_LENGTH, length);
        }
        catch (AEADBadTagException ex) {
            return null;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM decryption failed", ex);
        }
    }

    /**
     * Returns how many bytes a sealed plaintext of the given length takes.
     *
     * @param plaintextLength the plaintext length in bytes
     * @return nonce, ciphertext and tag length in bytes
     */
    public static int sealedLength(int plaintextLength) {
        return NONCE_LENGTH + plaintextLength + TAG_LENGTH;
    }

    private static byte[] expand(byte[] prk, String label) {
        byte[] info = label.getBytes(StandardCharsets.US_ASCII);
        byte[] input = Arrays.copyOf(info, info.length + 1);
        input[info.length] = 1;
        return hmac(prk, input);
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES/GCM/NoPadding is not available", ex);
        }
    }

    private static Cipher newSlotCipher(SecretKeySpec slotKey) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, slotKey);
            return cipher;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES/ECB/NoPadding is not available", ex);
        }
    }

    /** One thread's DRBG and the bytes it produced that were not handed out yet. */
    private static final class RandomBuffer {

        private final SecureRandom random = newRandom();

        private final byte[] buffer = new byte[RANDOM_BUFFER_LENGTH];

        private int position = RANDOM_BUFFER_LENGTH;

        void fill(byte[] out) {
            if (out.length > RANDOM_BUFFER_LENGTH / 4) {
                this.random.nextBytes(out);
                return;
            }
            if (RANDOM_BUFFER_LENGTH - this.position < out.length) {
                this.random.nextBytes(this.buffer);
                this.position = 0;
            }
            System.arraycopy(this.buffer, this.position, out, 0, out.length);
            Arrays.fill(this.buffer, this.position, this.position + out.length, (byte) 0);
            this.position += out.length;
        }
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        }
        catch (GeneralSecurityException ex) {
            return new SecureRandom();
        }
    }
}
