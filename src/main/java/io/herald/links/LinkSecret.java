package io.herald.links;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret of the link tokens: {@code herald.links.secret} ({@code HERALD_LINK_SECRET}), which the prod profile
 * requires. Without it (the default run) a random secret is made once and kept in the data folder, readable by its
 * owner only, so the links in messages already sent still open after a restart.
 */
final class LinkSecret {

    static final String FILE_NAME = "link-secret";

    private LinkSecret() {
    }

    /** The configured secret, or the one kept under {@code dataDir}, made there first if there is none yet. */
    static byte[] resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (secret.length < 32) {
                throw new IllegalStateException("the link secret file " + file + " holds fewer than 32 bytes");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the link secret under " + dataDir, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        boolean posix = Files.getFileStore(file.getParent()).supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(secret), StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
    }
}
