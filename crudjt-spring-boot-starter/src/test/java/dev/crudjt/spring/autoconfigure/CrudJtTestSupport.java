package dev.crudjt.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** Keys, ports and files shared by the starter's tests. */
final class CrudJtTestSupport {

    private static final SecureRandom random = new SecureRandom();

    private CrudJtTestSupport() {
    }

    /** Returns a fresh random key: standard Base64 of the given number of bytes. */
    static String secretKey(int bytes) {
        byte[] key = new byte[bytes];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Returns a 48-byte key, the length 'openssl rand -base64 48' gives. */
    static String secretKey() {
        return secretKey(48);
    }

    /** Returns a loopback port that is free now: bound once and released. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Returns the bytes of a resource in this module's own build output. */
    static byte[] moduleResource(String name) {
        try {
            Path classes = Path.of(CrudJtProperties.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            try (InputStream input = Files.newInputStream(classes.resolve(name))) {
                return input.readAllBytes();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
