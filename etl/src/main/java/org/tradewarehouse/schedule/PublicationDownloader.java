package org.tradewarehouse.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tradewarehouse.ingest.BadPublicationException;
import org.tradewarehouse.ingest.Publication;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads a publication when the site says it may have changed (If-None-Match / If-Modified-Since), into a
 * temporary folder of the archive, and keeps it only when it is complete and a readable regional publication.
 * A failed try is retried after a wait that doubles each time; a 4xx answer other than 408 and 429 is not.
 */
@Component
class PublicationDownloader {

    private static final Logger log = LoggerFactory.getLogger(PublicationDownloader.class);

    sealed interface Result {
    }

    record NotModified(String etag, String lastModified) implements Result {
    }

    /** A complete, readable publication in a temporary folder of the archive (the caller moves or deletes it). */
    record Downloaded(Path file, String etag, String lastModified) implements Result {
    }

    record Failed(String reason) implements Result {
    }

    /** One try's failure; {@code retry} false when trying again cannot help. */
    private static final class TryFailed extends Exception {
        final boolean retry;

        TryFailed(String reason, boolean retry) {
            super(reason);
            this.retry = retry;
        }
    }

    private final ScheduleProperties properties;
    private final HttpClient client;

    PublicationDownloader(ScheduleProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    Result fetch(URI address, Optional<SourceCheck> lastGood) {
        Duration wait = properties.backoff();
        String reason = "";
        for (int attempt = 1; attempt <= properties.attempts(); attempt++) {
            try {
                return once(address, lastGood);
            } catch (TryFailed e) {
                reason = e.getMessage();
                if (!e.retry) {
                    return new Failed(reason);
                }
                if (attempt < properties.attempts()) {
                    log.warn("{}: {}; trying again in {} ms (try {} of {})", address, reason, wait.toMillis(),
                            attempt + 1, properties.attempts());
                    try {
                        Thread.sleep(wait.toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return new Failed(reason + "; interrupted before the next try");
                    }
                    wait = wait.multipliedBy(2);
                }
            }
        }
        return new Failed(reason + " (" + properties.attempts() + " tries)");
    }

    private Result once(URI address, Optional<SourceCheck> lastGood) throws TryFailed {
        HttpRequest.Builder request = HttpRequest.newBuilder(address).timeout(properties.requestTimeout()).GET();
        lastGood.map(SourceCheck::etag).ifPresent(etag -> request.header("If-None-Match", etag));
        lastGood.map(SourceCheck::lastModified).ifPresent(date -> request.header("If-Modified-Since", date));
        Path folder;
        try {
            folder = Files.createTempDirectory(Files.createDirectories(properties.archive()), ".download-");
        } catch (IOException e) {
            throw new TryFailed("cannot write in the archive folder " + properties.archive() + " (" + e.getMessage() + ")", false);
        }
        Path file = folder.resolve(fileName(address));
        boolean keep = false;
        try {
            HttpResponse<Path> response = send(request.build(), file);
            String etag = response.headers().firstValue("ETag").orElse(null);
            String lastModified = response.headers().firstValue("Last-Modified").orElse(null);
            int status = response.statusCode();
            if (status == 304) {
                return new NotModified(etag != null ? etag : lastGood.map(SourceCheck::etag).orElse(null),
                        lastModified != null ? lastModified : lastGood.map(SourceCheck::lastModified).orElse(null));
            }
            if (status != 200) {
                throw new TryFailed("the site answered HTTP " + status, status >= 500 || status == 408 || status == 429);
            }
            Publication.inspect(List.of(file));
            keep = true;
            return new Downloaded(file, etag, lastModified);
        } catch (BadPublicationException e) {
            throw new TryFailed("the file downloaded is not a usable publication: " + e.getMessage(), true);
        } finally {
            if (!keep) {
                deleteQuietly(file);
                deleteQuietly(folder);
            }
        }
    }

    /** Headers within request-timeout (the client's own check), the whole body within download-timeout. */
    private HttpResponse<Path> send(HttpRequest request, Path file) throws TryFailed {
        var future = client.sendAsync(request, HttpResponse.BodyHandlers.ofFile(file));
        try {
            return future.get(properties.downloadTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TryFailed("the download did not end within " + seconds(properties.downloadTimeout()), true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TryFailed("the download was interrupted", false);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new TryFailed("no answer from the site within " + seconds(properties.requestTimeout()), true);
            }
            throw new TryFailed("the download broke off (" + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage()) + ")", true);
        }
    }

    static String fileName(URI address) {
        String path = address.getPath() == null ? "" : address.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isBlank() ? "publication.zip" : name;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", path, e.getMessage());
        }
    }
}
