package dev.crudjt.crypto;

import java.util.Base64;

/**
 * Checks and decodes CRUDJT secret keys. Internal API: not supported for use outside CRUDJT.
 *
 * @since 0.1.0
 */
public final class SecretKeys {

    private SecretKeys() {
    }

    /**
     * Decodes a standard Base64 key of 32, 48 or 64 bytes, ignoring surrounding whitespace.
     *
     * @param secretKey the Base64 key
     * @return the decoded key bytes
     * @throws IllegalArgumentException when the text is not Base64 or decodes to another length;
     *     the message names the decoded length and never shows the key
     */
    public static byte[] decode(String secretKey) {
        String trimmed = secretKey.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("'secretKey' must not be blank: generate one with "
                    + "'openssl rand -base64 48'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(trimmed);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'secretKey' is not valid standard Base64 ("
                    + trimmed.length() + " characters): generate one with "
                    + "'openssl rand -base64 48'");
        }
        if (key.length != 32 && key.length != 48 && key.length != 64) {
            throw new IllegalArgumentException("'secretKey' must decode to 32, 48 or 64 bytes, "
                    + "decoded to " + key.length + " bytes: generate one with "
                    + "'openssl rand -base64 48'");
        }
        return key;
    }
}
