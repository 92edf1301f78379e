package org.tradewarehouse.dashboards;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The few calls of Metabase's REST API the push needs, authenticated by an API key (header x-api-key) or by a
 * session opened with a user's e-mail and password. Every failure becomes a {@link MetabaseException} that says what
 * was asked and what Metabase answered.
 */
public class MetabaseClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final MetabaseCredentials credentials;
    private String session;

    public MetabaseClient(URI base, MetabaseCredentials credentials, Duration timeout) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.credentials = credentials;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Metabase's public properties (release, whether it is set up), read without logging in. */
    public JsonNode properties() {
        String path = "/api/session/properties";
        return read("GET", path, exchange("GET", path, request("GET", path, null).build()))
                .orElseThrow(() -> notFound("GET", path));
    }

    /**
     * Creates the first administrator of a Metabase never set up (as its welcome page would), with the user and
     * password of the credentials; the session it opens is the push's.
     */
    public void setUp(String token, String siteName) {
        if (credentials.apiKey() != null) {
            throw new MetabaseException("Metabase at " + base + " is not set up yet: create its administrator on its"
                    + " welcome page, or set METABASE_USER and METABASE_PASSWORD so that the push creates it");
        }
        ObjectNode body = JSON.createObjectNode().put("token", token);
        body.putObject("user").put("email", credentials.user()).put("password", credentials.password())
                .put("first_name", "Administrateur").put("last_name", "trade-warehouse");
        body.putObject("prefs").put("site_name", siteName).put("site_locale", "fr");
        String path = "/api/setup/";
        session = read("POST", path, exchange("POST", path, request("POST", path, body).build()))
                .orElseThrow(() -> notFound("POST", path)).path("id").asString();
    }

    public JsonNode get(String path) {
        return send("GET", path, null).orElseThrow(() -> notFound("GET", path));
    }

    /** GET of something that may not exist: empty on 404. */
    public Optional<JsonNode> find(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, body).orElseThrow(() -> notFound("POST", path));
    }

    public JsonNode put(String path, JsonNode body) {
        return send("PUT", path, body).orElseThrow(() -> notFound("PUT", path));
    }

    public void delete(String path) {
        send("DELETE", path, null);
    }

    private Optional<JsonNode> send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = request(method, path, body);
        authenticate(request);
        return read(method, path, exchange(method, path, request.build()));
    }

    /** A request of Metabase's API at path (from the base address), with its JSON body if any; not yet logged in. */
    private HttpRequest.Builder request(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1))).timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return request;
    }

    private Optional<JsonNode> read(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status == 401 || status == 403) {
            throw new MetabaseException(method + " " + path + ": Metabase refused the credentials (" + status + "); "
                    + credentials.hint());
        }
        if (status >= 300) {
            throw new MetabaseException(method + " " + path + ": Metabase answered " + status + ": " + excerpt(response.body()));
        }
        try {
            return Optional.of(response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
        } catch (JacksonException e) {
            throw new MetabaseException(method + " " + path + ": Metabase's answer is not JSON: " + excerpt(response.body()));
        }
    }

    private void authenticate(HttpRequest.Builder request) {
        if (credentials.apiKey() != null) {
            request.header("x-api-key", credentials.apiKey());
            return;
        }
        if (session == null) {
            var login = JSON.createObjectNode().put("username", credentials.user()).put("password", credentials.password());
            HttpResponse<String> response = exchange("POST", "/api/session/", request("POST", "/api/session/", login).build());
            if (response.statusCode() != 200) {
                throw new MetabaseException("POST /api/session/: Metabase refused the login (" + response.statusCode()
                        + "); " + credentials.hint());
            }
            session = JSON.readTree(response.body()).path("id").asString();
        }
        request.header("X-Metabase-Session", session);
    }

    private HttpResponse<String> exchange(String method, String path, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new MetabaseException(method + " " + path + ": Metabase at " + base + " did not answer within "
                    + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new MetabaseException("cannot reach Metabase at " + base + " (" + e.getClass().getSimpleName() + ")");
        } catch (IOException e) {
            throw new MetabaseException(method + " " + path + ": the connection to Metabase at " + base + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetabaseException(method + " " + path + ": interrupted");
        }
    }

    private static MetabaseException notFound(String method, String path) {
        return new MetabaseException(method + " " + path + ": Metabase answered 404 (not found): is this a Metabase"
                + " v0." + MetabaseVersion.MINIMUM + " or newer at the right address?");
    }

    private static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
