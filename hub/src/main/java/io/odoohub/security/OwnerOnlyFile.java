package io.odoohub.security;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Files with a secret in them (the master key, the first start's credentials): readable and writable by their owner only. */
public final class OwnerOnlyFile {

    static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private OwnerOnlyFile() {
    }

    /**
     * Creates {@code path} with {@code content}, owner-only from the first byte where the file system has POSIX
     * permissions (set as the file is created, not after). False, and nothing written, when the file exists already.
     */
    public static boolean create(Path path, byte[] content) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        try {
            if (posix(path.toAbsolutePath().getParent())) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(path);
                restrict(path);
            }
        } catch (FileAlreadyExistsException exists) {
            return false;
        }
        Files.write(path, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        return true;
    }

    /**
     * Narrows an existing file to owner read/write. Returns the permissions it had when they were wider (as
     * {@code rw-r--r--}), else null.
     */
    public static String restrict(Path path) throws IOException {
        if (posix(path)) {
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
            if (current.equals(OWNER_ONLY)) {
                return null;
            }
            Files.setPosixFilePermissions(path, OWNER_ONLY);
            return PosixFilePermissions.toString(current);
        }
        File f = path.toFile();
        boolean ok = f.setReadable(false, false) & f.setReadable(true, true) & f.setWritable(false, false)
                & f.setWritable(true, true) & f.setExecutable(false, false);
        if (!ok) {
            throw new IOException("could not restrict the permissions of " + path.toAbsolutePath());
        }
        return null;
    }

    /** Whether others than the owner may read or write it (false where the file system has no POSIX permissions). */
    public static boolean isWider(Path path) throws IOException {
        return posix(path) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(path));
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
