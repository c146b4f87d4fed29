package io.holdfast.relay.config;

import io.holdfast.sip.message.SipUri;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Voice AI region: where its agent answers SIP, its place in the routing order and how it is
 * probed.
 * Immutable; safe on any thread.
 *
 * @param name a short name in lower case, used in events, metrics and admin URLs ({@code east})
 * @param uri the SIP URI holdfast sends INVITEs to ({@code sip:agent@127.0.0.1:5080})
 * @param priority routing order: the healthy region with the lowest number takes new calls
 * @param healthUrl the AI-stack health JSON holdfast polls, when the region serves one
 * @param optionsInterval how often the region is probed with SIP OPTIONS
 */
public record RegionConfig(String name, SipUri uri, int priority, Optional<URI> healthUrl, Duration optionsInterval) {
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 1000;
    public static final Duration DEFAULT_OPTIONS_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MIN_OPTIONS_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_OPTIONS_INTERVAL = Duration.ofHours(1);

    /** 1 to 32 lower-case letters, digits and '-', starting and ending with a letter or digit. */
    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

    public RegionConfig {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("region name must be 1 to 32 lower-case letters, digits and '-': " + name);
        }
        Objects.requireNonNull(uri, "uri");
        if (uri.scheme() == SipUri.Scheme.TEL) {
            throw new IllegalArgumentException("region " + name + " needs a sip: or sips: URI, was " + uri);
        }
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("region " + name + " priority must be from " + MIN_PRIORITY + " to "
                    + MAX_PRIORITY + ", was " + priority);
        }
        Objects.requireNonNull(healthUrl, "healthUrl");
        healthUrl.ifPresent(RegionConfig::requireHttpUrl);
        ConfigDuration.requireWithin("options-interval", optionsInterval, MIN_OPTIONS_INTERVAL, MAX_OPTIONS_INTERVAL);
    }

    /** A region with no health URL, probed at the default interval. */
    public static RegionConfig of(String name, SipUri uri, int priority) {
        return new RegionConfig(name, uri, priority, Optional.empty(), DEFAULT_OPTIONS_INTERVAL);
    }

    static boolean isHttpUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null;
    }

    private static void requireHttpUrl(URI url) {
        if (!isHttpUrl(url)) {
            throw new IllegalArgumentException("health URL must be http or https with a host: " + url);
        }
    }
}
