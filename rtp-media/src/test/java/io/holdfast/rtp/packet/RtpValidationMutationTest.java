package io.holdfast.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid packets at random (fixed seeds, bounded counts) and checks that whatever validation accepts
 * can be read entirely inside the datagram, and that nothing but a {@link RtpValidation.Result} comes out.
 */
class RtpValidationMutationTest {

    private static final int ROUNDS = 20_000;

    @Test
    void shouldKeepAcceptedRtpInsideDatagramWhenBytesAreMutated() {
        final SplittableRandom random = new SplittableRandom(3550);
        final RtpHeader header = new RtpHeader();
        final byte[] valid = new RtpPacketBuilder().csrcs(1, 2).extension(0xBEDE, 1).payloadLength(8).padding(4)
                .bytes();
        int accepted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            final byte[] bytes = mutate(valid, random);
            final int length = random.nextInt(bytes.length + 1);
            final ByteBuf buf = Unpooled.wrappedBuffer(bytes, 0, length);
            header.wrap(buf);
            if (RtpValidation.validateRtp(header).isValid()) {
                accepted++;
                assertThat(header.headerLength()).isLessThanOrEqualTo(length);
                assertThat(header.payloadLength()).isNotNegative();
                assertThat(header.payloadIndex() + header.payloadLength() + header.paddingLength())
                        .isEqualTo(length);
                for (int i = 0; i < header.csrcCount(); i++) {
                    header.csrc(i);
                }
            }
        }
        assertThat(accepted).isPositive();
    }

    @Test
    void shouldKeepAcceptedRtcpWalkInsideDatagramWhenBytesAreMutated() {
        final SplittableRandom random = new SplittableRandom(5761);
        final RtcpPacket rtcp = new RtcpPacket();
        final ByteBuf template = new RtcpCompoundBuilder()
                .sr(1, 2, 3, 4, 5, new RtcpCompoundBuilder.Block(2, 0, 0, 0, 0, 0, 0))
                .sdesCname("ab", 1, 2).bye(1).app(1, 1, "HFST", 1).build();
        final byte[] valid = new byte[template.readableBytes()];
        template.readBytes(valid);
        template.release();
        int accepted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            final byte[] bytes = mutate(valid, random);
            final int length = bytes.length - random.nextInt(9);
            rtcp.wrap(Unpooled.wrappedBuffer(bytes, 0, length));
            if (RtpValidation.validateRtcp(rtcp).isValid()) {
                accepted++;
                int total = 0;
                for (boolean more = rtcp.first(); more; more = rtcp.next()) {
                    total += rtcp.packetLength();
                    readEverything(rtcp);
                }
                assertThat(total).isEqualTo(length);
            }
        }
        assertThat(accepted).isPositive();
    }

    private static byte[] mutate(byte[] valid, SplittableRandom random) {
        final byte[] bytes = valid.clone();
        final int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static void readEverything(RtcpPacket rtcp) {
        switch (rtcp.type()) {
            case SR:
            case RR:
                for (int i = 0; i < rtcp.reportCount(); i++) {
                    rtcp.reportDelaySinceLastSr(i);
                }
                break;
            case BYE:
                for (int i = 0; i < rtcp.byeSourceCount(); i++) {
                    rtcp.byeSsrc(i);
                }
                break;
            case SDES:
                for (int chunk = rtcp.firstSdesChunk(); chunk >= 0; chunk = rtcp.nextSdesChunk(chunk)) {
                    rtcp.sdesChunkSsrc(chunk);
                    for (int item = rtcp.firstSdesItem(chunk); item >= 0; item = rtcp.nextSdesItem(item)) {
                        assertThat(rtcp.sdesItemTextIndex(item) + rtcp.sdesItemLength(item))
                                .isLessThanOrEqualTo(rtcp.packetOffset() + rtcp.packetLength());
                    }
                }
                break;
            default:
                rtcp.ssrc();
                break;
        }
    }
}
