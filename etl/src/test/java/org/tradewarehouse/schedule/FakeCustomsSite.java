package org.tradewarehouse.schedule;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server playing the customs' download site: serves one publication at a time with an ETag and a
 * Last-Modified date, answers 304 to a matching conditional request, and can be told to fail the next requests
 * (an error status, no answer, a body cut off half-way) or to hold requests until released.
 */
class FakeCustomsSite extends Dispatcher implements AutoCloseable {

    static final String PATH = "/donnees/regional/202412_regional_2024_export.zip";

    /** One request as the site saw it: the conditional headers the client sent. */
    record Request(String path, String ifNoneMatch, String ifModifiedSince) {
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Request> requests = new ArrayList<>();
    private final Deque<MockResponse> faults = new ArrayDeque<>();
    private byte[] body;
    private String etag;
    private String lastModified;
    private boolean validators = true;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private final CountDownLatch firstRequest = new CountDownLatch(1);

    FakeCustomsSite() throws IOException {
        server.setDispatcher(this);
        server.start();
    }

    URI url() {
        return server.url(PATH).uri();
    }

    synchronized void publish(Path file, String etag, String lastModified) throws IOException {
        this.body = Files.readAllBytes(file);
        this.etag = etag;
        this.lastModified = lastModified;
        this.validators = true;
    }

    /** Serves the same bytes with no ETag or Last-Modified, so that only the checksum can tell they are unchanged. */
    synchronized void withoutValidators() {
        validators = false;
    }

    synchronized void failNext(int times, MockResponse response) {
        for (int i = 0; i < times; i++) {
            faults.add(response);
        }
    }

    static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("error " + code).build();
    }

    static MockResponse noAnswerFor(long seconds) {
        return new MockResponse.Builder().headersDelay(seconds, TimeUnit.SECONDS).body("late").build();
    }

    /** The whole publication announced by Content-Length, the connection closed half-way through the body. */
    MockResponse cutOffHalfway() {
        synchronized (this) {
            return new MockResponse.Builder().body(new Buffer().write(body))
                    .onResponseBody(new SocketEffect.CloseSocket(true, false, false)).build();
        }
    }

    /** Requests wait until {@link #release()}; returns when the first one has arrived. */
    void hold() {
        held = new CountDownLatch(1);
    }

    void awaitFirstRequest() throws InterruptedException {
        if (!firstRequest.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("no request reached the site");
        }
    }

    void release() {
        held.countDown();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized void forget() {
        requests.clear();
        faults.clear();
    }

    @Override
    public MockResponse dispatch(RecordedRequest recorded) throws InterruptedException {
        synchronized (this) {
            requests.add(new Request(recorded.getUrl().encodedPath(), recorded.getHeaders().get("If-None-Match"),
                    recorded.getHeaders().get("If-Modified-Since")));
        }
        firstRequest.countDown();
        if (!held.await(60, TimeUnit.SECONDS)) {
            return status(503);
        }
        synchronized (this) {
            if (!faults.isEmpty()) {
                return faults.poll();
            }
            if (!recorded.getUrl().encodedPath().equals(PATH) || body == null) {
                return status(404);
            }
            if (validators && etag.equals(recorded.getHeaders().get("If-None-Match"))) {
                return new MockResponse.Builder().code(304).setHeader("ETag", etag).build();
            }
            MockResponse.Builder ok = new MockResponse.Builder().body(new Buffer().write(body))
                    .setHeader("Content-Type", "application/zip");
            if (validators) {
                ok.setHeader("ETag", etag).setHeader("Last-Modified", lastModified);
            }
            return ok.build();
        }
    }

    @Override
    public void close() {
        release();
        server.close();
    }
}
