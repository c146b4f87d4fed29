package io.holdfast.relay.events;

import java.util.Locale;

/**
 * What kind of cause moved or ended a call. Infrastructure failures trigger failover; intent
 * failures (the agent did not understand) are counted apart and never move a call to another
 * region; normal causes end calls. Written in lower case in events ({@code infra}).
 */
public enum CauseCategory {
    /** The voice stack or the network failed: disaster recovery. */
    INFRA,
    /** The agent could not serve the caller's intent: fallback, not disaster recovery. */
    INTENT,
    /** The call ended as calls end. */
    NORMAL;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name in events: {@code infra}, {@code intent}, {@code normal}. */
    public String wireName() {
        return wireName;
    }

    /** The category of a wire name; null when there is none. */
    public static CauseCategory fromWireName(String wireName) {
        for (CauseCategory category : values()) {
            if (category.wireName.equals(wireName)) {
                return category;
            }
        }
        return null;
    }
}
