package com.brighthub.bulkimport.devtools;

import com.brighthub.bulkimport.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A small HTTP client for the local stack's public APIs, used by the demo and the command-line tools.
 */
public final class StackClient {

    /** An HTTP answer: status and JSON body (null when the body is not JSON). */
    public record Answer(int status, JsonNode body, String raw) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String importApi;
    private final String reportService;
    private final String sandbox;

    /** The local stack at the ports of the environment (or the contract's defaults). */
    public StackClient() {
        this(env("IMPORT_API_URL", "http://localhost:" + env("IMPORT_API_PORT", "8081")),
                env("REPORT_SERVICE_URL", "http://localhost:" + env("REPORT_SERVICE_PORT", "8084")),
                env("SANDBOX_URL", "http://localhost:" + env("SANDBOX_PORT", "8089")));
    }

    /** A stack at the given base URLs. */
    public StackClient(String importApi, String reportService, String sandbox) {
        this.importApi = importApi;
        this.reportService = reportService;
        this.sandbox = sandbox;
    }

    public String importApi() {
        return importApi;
    }

    public String reportService() {
        return reportService;
    }

    public String sandbox() {
        return sandbox;
    }

    public Answer get(String url, String token) {
        return send(request(url, token).GET().build());
    }

    public Answer put(String url, String token, String json) {
        return send(request(url, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Answer post(String url, String token, String json) {
        return send(request(url, token).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** Downloads a GET answer into a file; returns the status. */
    public int download(String url, String token, Path file) {
        try {
            return http.send(request(url, token).GET().build(), HttpResponse.BodyHandlers.ofFile(file)).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = r.body() == null || r.body().isBlank() ? null : Json.mapper().readTree(r.body());
            } catch (IOException notJson) {
                body = null;
            }
            return new Answer(r.statusCode(), body, r.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An environment variable, or {@code fallback} when it is unset or blank. */
    public static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
