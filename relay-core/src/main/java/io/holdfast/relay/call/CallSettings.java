package io.holdfast.relay.call;

import io.holdfast.relay.config.SipConfig;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What every call of a relay needs from the configuration. Immutable; shared by every event loop.
 *
 * @param sip SIP settings: the invite timeout and the headers passed from callers to regions
 * @param mediaAddress the address anchored media ports are bound to and SDP announces
 * @param localHost holdfast's SIP host, written in the From of the INVITEs it sends regions
 */
record CallSettings(SipConfig sip, InetAddress mediaAddress, String localHost) {
    CallSettings {
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(mediaAddress, "mediaAddress");
        Objects.requireNonNull(localHost, "localHost");
    }

    long inviteTimeoutMs() {
        return sip.inviteTimeout().toMillis();
    }
}
