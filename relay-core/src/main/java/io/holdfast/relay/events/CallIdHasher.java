package io.holdfast.relay.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes SIP Call-IDs for events: HMAC-SHA256 under a random key drawn once per process start,
 * truncated to {@value #HASH_BYTES} bytes of hex. Within one run the same Call-ID always gives the
 * same hash, so a call's events join up; across runs, and for anyone without the key (which is never
 * written anywhere), the hash cannot be linked back to the Call-ID. Safe on any thread: each thread
 * keeps its own {@link Mac}.
 */
public final class CallIdHasher {
    /** 96 bits: no collision in practice among the calls of one run, and short enough to read. */
    public static final int HASH_BYTES = 12;
    static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    CallIdHasher(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < KEY_BYTES) {
            throw new IllegalArgumentException("the key needs at least " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
        macs.get();
    }

    /** A hasher with a fresh random key: make one at process start and share it. */
    public static CallIdHasher withRandomKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            return new CallIdHasher(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The hash of a SIP Call-ID (its UTF-8 bytes). */
    public HashedCallId hash(CharSequence callId) {
        Objects.requireNonNull(callId, "callId");
        byte[] digest = macs.get().doFinal(callId.toString().getBytes(StandardCharsets.UTF_8));
        return new HashedCallId(HexFormat.of().formatHex(digest, 0, HASH_BYTES));
    }

    @Override
    public String toString() {
        return "CallIdHasher[" + ALGORITHM + ", key not shown]";
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JDK, which every Java SE JDK provides", e);
        }
    }
}
