package org.tradewarehouse.cli;

import org.tradewarehouse.ingest.BadPublicationException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns the command's arguments into local files: paths as they are, http(s) addresses downloaded first. */
final class Inputs {

    private Inputs() {
    }

    static List<Path> resolve(List<String> arguments) {
        List<Path> files = new ArrayList<>();
        for (String argument : arguments) {
            files.add(argument.startsWith("http://") || argument.startsWith("https://") ? download(argument) : Path.of(argument));
        }
        return files;
    }

    /** Kept under the download folder (TRADE_DOWNLOAD_DIR) so that an interrupted load can be resumed from it. */
    private static Path download(String address) {
        URI uri = URI.create(address);
        String name = Path.of(uri.getPath()).getFileName() == null ? "publication.zip" : Path.of(uri.getPath()).getFileName().toString();
        String dir = System.getenv().getOrDefault("TRADE_DOWNLOAD_DIR",
                Path.of(System.getProperty("user.home"), ".trade-warehouse", "downloads").toString());
        try {
            Path folder = Files.createDirectories(Path.of(dir));
            Path part = Files.createTempFile(folder, name, ".part");
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<Path> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofFile(part));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(part);
                throw new BadPublicationException(address + ": download failed with HTTP status " + response.statusCode());
            }
            return Files.move(part, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadPublicationException(address + ": download failed (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadPublicationException(address + ": download interrupted", e);
        }
    }
}
