package org.tradewarehouse.schedule;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** A local HTTP server standing for a chat or alerting webhook: keeps the JSON it is POSTed, answers a chosen status. */
class WebhookReceiver extends Dispatcher implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockWebServer server = new MockWebServer();
    private final List<JsonNode> received = new ArrayList<>();
    private int status = 200;

    WebhookReceiver() throws IOException {
        server.setDispatcher(this);
        server.start();
    }

    URI url() {
        return server.url("/hooks/trade").uri();
    }

    synchronized void answer(int status) {
        this.status = status;
    }

    synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    synchronized void forget() {
        received.clear();
        status = 200;
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        if (request.getMethod().equals("POST") && "application/json".equals(request.getHeaders().get("Content-Type"))) {
            received.add(JSON.readTree(request.getBody().utf8()));
        }
        return new MockResponse.Builder().code(status).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
