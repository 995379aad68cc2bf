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
     * Decodes a standard Base64 key of 32, 48 or 64 bytes. ASCII whitespace (spaces, tabs, form
     * feeds, carriage returns and line feeds) is ignored anywhere in the text, so a key wrapped
     * across lines, as {@code openssl rand -base64 64} prints it, decodes as one.
     *
     * @param secretKey the Base64 key
     * @return the decoded key bytes
     * @throws IllegalArgumentException when the text is not Base64 or decodes to another length;
     *     the message names the decoded length and never shows the key
     */
    public static byte[] decode(String secretKey) {
        String compact = withoutAsciiWhitespace(secretKey);
        if (compact.isEmpty()) {
            throw new IllegalArgumentException("'secretKey' must not be blank: generate one with "
                    + "'openssl rand -base64 48'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(compact);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'secretKey' is not valid standard Base64 ("
                    + compact.length() + " characters): generate one with "
                    + "'openssl rand -base64 48'");
        }
        if (key.length != 32 && key.length != 48 && key.length != 64) {
            throw new IllegalArgumentException("'secretKey' must decode to 32, 48 or 64 bytes, "
                    + "decoded to " + key.length + " bytes: generate one with "
                    + "'openssl rand -base64 48'");
        }
        return key;
    }

    private static String withoutAsciiWhitespace(String text) {
        StringBuilder compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                compact.append(c);
            }
        }
        return compact.toString();
    }
}
