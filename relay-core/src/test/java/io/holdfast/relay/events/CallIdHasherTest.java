package io.holdfast.relay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallIdHasherTest {
    private static final String CALL_ID = "a84b4c76e66710@pc33.atlanta.example.com";

    private static byte[] key(int fill) {
        byte[] key = new byte[CallIdHasher.KEY_BYTES];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void shouldGiveTheSameHashWhenTheSameCallIdIsHashedTwice() {
        CallIdHasher hasher = CallIdHasher.withRandomKey();

        assertThat(hasher.hash(CALL_ID)).isEqualTo(hasher.hash(new StringBuilder(CALL_ID)));
        assertThat(hasher.hash(CALL_ID)).isNotEqualTo(hasher.hash(CALL_ID + "x"));
    }

    @Test
    void shouldGiveDifferentHashesWhenKeysDiffer() {
        assertThat(new CallIdHasher(key(1)).hash(CALL_ID)).isNotEqualTo(new CallIdHasher(key(2)).hash(CALL_ID));
        assertThat(CallIdHasher.withRandomKey().hash(CALL_ID)).isNotEqualTo(CallIdHasher.withRandomKey().hash(CALL_ID));
    }

    @Test
    void shouldMatchHmacSha256WhenTheKeyIsKnown() {
        byte[] key = new byte[CallIdHasher.KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        // Python: hmac.new(bytes(range(32)), b"abc", hashlib.sha256).hexdigest()[:24]
        assertThat(new CallIdHasher(key).hash("abc").hex()).isEqualTo("f0133729c4163dede81e21cd");
    }

    @Test
    void shouldHideTheCallIdAndTheKeyWhenPrinted() {
        CallIdHasher hasher = new CallIdHasher(key(7));
        HashedCallId hashed = hasher.hash(CALL_ID);

        assertThat(hashed.hex()).hasSize(2 * CallIdHasher.HASH_BYTES).matches("[0-9a-f]+").doesNotContain("atlanta");
        assertThat(hashed).hasToString(hashed.hex());
        assertThat(hasher.toString()).isEqualTo("CallIdHasher[HmacSHA256, key not shown]");
    }

    @Test
    void shouldGiveTheSameHashWhenHashedOnAnotherThread() throws Exception {
        CallIdHasher hasher = new CallIdHasher(key(3));
        HashedCallId here = hasher.hash(CALL_ID);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<HashedCallId> there = executor.submit(() -> hasher.hash(CALL_ID));
            assertThat(there.get(10, TimeUnit.SECONDS)).isEqualTo(here);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void shouldRefuseWhenTheKeyIsShort() {
        assertThatThrownBy(() -> new CallIdHasher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseARawCallIdWhenMadeIntoAHashedOne() {
        assertThatThrownBy(() -> new HashedCallId(CALL_ID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashedCallId("ABCDEF0123456789")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashedCallId("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new HashedCallId("0123456789abcdef").hex()).isEqualTo("0123456789abcdef");
    }
}
