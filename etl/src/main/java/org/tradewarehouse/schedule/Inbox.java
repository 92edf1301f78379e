package org.tradewarehouse.schedule;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder where an operator drops publications by hand. Each file is loaded once, then moved to done/, or to
 * failed/ with a .error.txt beside it saying why. Hidden files and *.part are ignored: copy a file in under such a
 * name and rename it when complete, so that a pass never reads half a file.
 */
@Component
class Inbox {

    static final String SOURCE_PREFIX = "inbox/";

    private final Path folder;

    Inbox(ScheduleProperties properties) {
        this.folder = properties.inbox();
    }

    List<Path> files() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().endsWith(".part"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the inbox " + folder, e);
        }
    }

    static String source(Path file) {
        return SOURCE_PREFIX + file.getFileName();
    }

    Path done(Path file) {
        return moveInto("done", file);
    }

    Path failed(Path file, String reason) {
        Path moved = moveInto("failed", file);
        try {
            Files.writeString(moved.resolveSibling(moved.getFileName() + ".error.txt"), reason + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reason beside " + moved, e);
        }
        return moved;
    }

    /** A file of the same name already there is kept: the newcomer gets a numbered name. */
    private Path moveInto(String sub, Path file) {
        try {
            Path target = Files.createDirectories(folder.resolve(sub)).resolve(file.getFileName());
            for (int n = 2; Files.exists(target); n++) {
                target = target.resolveSibling(n + "-" + file.getFileName());
            }
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file.getFileName() + " to " + sub + "/ in the inbox", e);
        }
    }
}
