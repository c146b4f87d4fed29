package io.holdfast.relay.config;

/**
 * What warm failover sends the standby leg once media is retargeted to it. Written {@code reinvite} or
 * {@code none} in the configuration.
 */
public enum WarmFlip {
    /** A re-INVITE turning the standby's audio from {@code a=inactive} to {@code sendrecv}. The default. */
    REINVITE,
    /**
     * Nothing: the standby becomes the call's upstream at once and stays as answered, for regions that
     * send and take media on a standby leg whatever its SDP direction says.
     */
    NONE
}
