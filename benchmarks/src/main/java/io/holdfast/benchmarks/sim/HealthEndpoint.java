package io.holdfast.benchmarks.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The region's AI-stack health URL: {@code GET /health} answers the current {@link AiStackHealth} as JSON, or,
 * when told to, a given status and raw body (to play a broken health service). Other methods get 405, other
 * paths 404. JDK HTTP server on one daemon thread; the answer is swapped through a volatile reference, so the
 * setters are safe on any thread.
 */
final class HealthEndpoint implements AutoCloseable {
    static final String PATH = "/health";

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Answer answer = Answer.of(AiStackHealth.HEALTHY);
    private volatile long requests;

    private HealthEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts; port 0 picks a free port. */
    static HealthEndpoint start(InetSocketAddress listen, String regionName) {
        HttpServer server;
        try {
            server = HttpServer.create(listen, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the health endpoint of region " + regionName + " on " + listen, e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "holdfast-sim-health-" + regionName);
            thread.setDaemon(true);
            return thread;
        });
        HealthEndpoint endpoint = new HealthEndpoint(server, executor);
        server.createContext("/", endpoint::handle);
        server.setExecutor(executor);
        server.start();
        return endpoint;
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    URI url() {
        InetSocketAddress address = address();
        return URI.create("http://" + address.getAddress().getHostAddress() + ':' + address.getPort() + PATH);
    }

    void serve(AiStackHealth health) {
        answer = Answer.of(health);
    }

    void serveRaw(int statusCode, String body) {
        answer = new Answer(statusCode, body.getBytes(StandardCharsets.UTF_8));
    }

    long requestCount() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests++;
            Answer current = answer;
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().add("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(current.statusCode, current.body.length == 0 ? -1 : current.body.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(current.body);
            }
        }
    }

    /** Stops at once: open connections are closed, new ones refused. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Answer(int statusCode, byte[] body) {
        static Answer of(AiStackHealth health) {
            return new Answer(200, health.toJson());
        }
    }
}
