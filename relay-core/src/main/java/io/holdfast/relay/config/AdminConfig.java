package io.holdfast.relay.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The admin HTTP API ({@code /metrics}, {@code /v1/...}).
 * Immutable; safe on any thread.
 *
 * @param listen where the API listens; loopback by default, port 0 picks a free port (tests)
 */
public record AdminConfig(InetSocketAddress listen) {
    public static final InetSocketAddress DEFAULT_LISTEN = new InetSocketAddress("127.0.0.1", 8080);
    public static final AdminConfig DEFAULT = new AdminConfig(DEFAULT_LISTEN);

    public AdminConfig {
        Objects.requireNonNull(listen, "admin.listen");
    }
}
