package io.holdfast.benchmarks.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The AI-stack health a region reports (DESIGN.md, "AI-stack health contract"): one JSON object, each field
 * absent when not reported, e.g. {@code {"sttLatencyP95Ms":420,"ttsLatencyP95Ms":310,"llmErrorRate":0.01,
 * "crmErrorRate":0.0}}. Immutable; safe on any thread.
 *
 * @param sttLatencyP95Ms speech-to-text latency, 95th percentile, milliseconds
 * @param ttsLatencyP95Ms text-to-speech latency, 95th percentile, milliseconds
 * @param llmErrorRate    share of LLM calls that failed, 0 to 1
 * @param crmErrorRate    share of CRM or booking calls that failed, 0 to 1
 */
public record AiStackHealth(OptionalLong sttLatencyP95Ms, OptionalLong ttsLatencyP95Ms, OptionalDouble llmErrorRate,
                            OptionalDouble crmErrorRate) {
    /** A healthy region: fast speech both ways, no errors. */
    public static final AiStackHealth HEALTHY = new AiStackHealth(OptionalLong.of(420), OptionalLong.of(310),
            OptionalDouble.of(0.01), OptionalDouble.of(0.0));
    /** A region that reports nothing: {@code {}}. */
    public static final AiStackHealth NOT_REPORTED = new AiStackHealth(OptionalLong.empty(), OptionalLong.empty(),
            OptionalDouble.empty(), OptionalDouble.empty());

    private static final JsonFactory FACTORY = new JsonFactory();

    public AiStackHealth {
        Objects.requireNonNull(sttLatencyP95Ms, "sttLatencyP95Ms");
        Objects.requireNonNull(ttsLatencyP95Ms, "ttsLatencyP95Ms");
        Objects.requireNonNull(llmErrorRate, "llmErrorRate");
        Objects.requireNonNull(crmErrorRate, "crmErrorRate");
    }

    public AiStackHealth withSttLatencyP95Ms(long ms) {
        return new AiStackHealth(OptionalLong.of(ms), ttsLatencyP95Ms, llmErrorRate, crmErrorRate);
    }

    public AiStackHealth withTtsLatencyP95Ms(long ms) {
        return new AiStackHealth(sttLatencyP95Ms, OptionalLong.of(ms), llmErrorRate, crmErrorRate);
    }

    public AiStackHealth withLlmErrorRate(double rate) {
        return new AiStackHealth(sttLatencyP95Ms, ttsLatencyP95Ms, OptionalDouble.of(rate), crmErrorRate);
    }

    public AiStackHealth withCrmErrorRate(double rate) {
        return new AiStackHealth(sttLatencyP95Ms, ttsLatencyP95Ms, llmErrorRate, OptionalDouble.of(rate));
    }

    /** The JSON body, UTF-8, fields in the contract's order, absent ones left out. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            if (sttLatencyP95Ms.isPresent()) {
                json.writeNumberField("sttLatencyP95Ms", sttLatencyP95Ms.getAsLong());
            }
            if (ttsLatencyP95Ms.isPresent()) {
                json.writeNumberField("ttsLatencyP95Ms", ttsLatencyP95Ms.getAsLong());
            }
            if (llmErrorRate.isPresent()) {
                json.writeNumberField("llmErrorRate", llmErrorRate.getAsDouble());
            }
            if (crmErrorRate.isPresent()) {
                json.writeNumberField("crmErrorRate", crmErrorRate.getAsDouble());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
