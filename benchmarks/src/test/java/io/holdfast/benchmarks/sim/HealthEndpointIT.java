package io.holdfast.benchmarks.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The region's AI-stack health URL over real HTTP on loopback. */
@Timeout(30)
class HealthEndpointIT {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RegionSimulator region;

    @AfterEach
    void stop() {
        if (region != null) {
            region.close();
        }
    }

    private HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeTheHealthJsonAndItsChangesWhenPolled() throws Exception {
        region = RegionSimulator.start(RegionSimulatorConfig.loopback("east"));
        URI url = region.healthUrl().orElseThrow();

        HttpResponse<String> healthy = get(url);
        region.serveHealth(AiStackHealth.HEALTHY.withSttLatencyP95Ms(2500).withLlmErrorRate(0.2));
        HttpResponse<String> degraded = get(url);

        assertThat(url.toString()).matches("http://127\\.0\\.0\\.1:\\d+/health");
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(healthy.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(healthy.body())
                .isEqualTo("{\"sttLatencyP95Ms\":420,\"ttsLatencyP95Ms\":310,\"llmErrorRate\":0.01,\"crmErrorRate\":0.0}");
        assertThat(degraded.body())
                .isEqualTo("{\"sttLatencyP95Ms\":2500,\"ttsLatencyP95Ms\":310,\"llmErrorRate\":0.2,\"crmErrorRate\":0.0}");
        assertThat(region.healthRequests()).isEqualTo(2);
    }

    @Test
    void shouldServeWhatItIsToldWhenPlayingABrokenHealthService() throws Exception {
        region = RegionSimulator.start(RegionSimulatorConfig.loopback("east"));
        URI url = region.healthUrl().orElseThrow();

        region.serveRawHealth(200, "{\"sttLatencyP95Ms\":");
        HttpResponse<String> malformed = get(url);
        region.serveRawHealth(500, "internal error");
        HttpResponse<String> failing = get(url);

        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThat(malformed.body()).isEqualTo("{\"sttLatencyP95Ms\":");
        assertThat(failing.statusCode()).isEqualTo(500);
        assertThat(failing.body()).isEqualTo("internal error");
    }

    @Test
    void shouldAnswerWithAnErrorWhenThePathOrMethodIsNotTheHealthGet() throws Exception {
        region = RegionSimulator.start(RegionSimulatorConfig.loopback("east"));
        URI url = region.healthUrl().orElseThrow();

        HttpResponse<String> otherPath = get(url.resolve("/metrics"));
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(otherPath.statusCode()).isEqualTo(404);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void shouldRefuseConnectionsWhenTheRegionHasDied() throws Exception {
        region = RegionSimulator.start(RegionSimulatorConfig.loopback("east"));
        URI url = region.healthUrl().orElseThrow();
        assertThat(get(url).statusCode()).isEqualTo(200);

        region.die();

        assertThatThrownBy(() -> get(url)).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldServeNoHealthWhenConfiguredWithout() throws Exception {
        region = RegionSimulator.start(RegionSimulatorConfig.loopback("east").withHealthListen(Optional.empty()));

        assertThat(region.healthUrl()).isEmpty();
        assertThat(region.healthAddress()).isEmpty();
        assertThatThrownBy(() -> region.serveHealth(AiStackHealth.HEALTHY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("region east serves no health URL (healthListen is empty)");
    }
}
