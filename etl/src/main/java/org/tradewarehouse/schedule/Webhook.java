package org.tradewarehouse.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells a chat or an alerting tool about a failure or a new publication loaded: a small JSON POSTed to
 * trade.schedule.webhook-url. A webhook that fails is logged and never fails the run.
 */
@Component
class Webhook {

    private static final Logger log = LoggerFactory.getLogger(Webhook.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Event {
        LOADED("publication-loaded"), FAILED("failure");

        final String label;

        Event(String label) {
            this.label = label;
        }
    }

    private final URI url;
    private final HttpClient client;
    private final Duration timeout;

    Webhook(ScheduleProperties properties) {
        String configured = properties.webhookUrl();
        this.url = configured == null || configured.isBlank() ? null : URI.create(configured.strip());
        this.timeout = properties.requestTimeout();
        this.client = url == null ? null : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
    }

    void send(Event event, String source, Long loadId, Long rows, String message) {
        if (url == null) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event.label);
        body.put("source", source);
        body.put("loadId", loadId);
        body.put("rows", rows);
        body.put("message", message);
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                log.warn("The webhook {} answered HTTP {} to the {} notification", url, response.statusCode(), event.label);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("The {} notification to the webhook was interrupted", event.label);
        } catch (Exception e) {
            log.warn("Could not notify the webhook {} ({}): {}", url, event.label, e.toString());
        }
    }
}
