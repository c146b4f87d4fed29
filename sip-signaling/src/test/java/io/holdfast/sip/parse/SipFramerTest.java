package io.holdfast.sip.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.sip.parse.SipFramer.Outcome;
import io.holdfast.sip.parse.SipParseException.Rule;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SipFramerTest {
    private static final String HEAD = "OPTIONS sip:a@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKf\r\n"
            + "Max-Forwards: 70\r\n";

    private final SipFramer framer = new SipFramer(SipLimits.DEFAULT);
    private ByteBuf buf = Unpooled.buffer();

    @AfterEach
    void release() {
        buf.release();
    }

    private Outcome feed(String text) {
        buf.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return framer.decode(buf);
    }

    private Outcome feedAndConsume(String text) {
        Outcome outcome = feed(text);
        if (outcome == Outcome.MESSAGE || outcome == Outcome.PING || outcome == Outcome.PONG) {
            buf.skipBytes(framer.frameLength());
        }
        return outcome;
    }

    @Test
    void shouldReportMessageWhenHeadersAndBodyAreComplete() {
        String message = HEAD + "Content-Length: 5\r\n\r\nhello";

        assertThat(feed(message)).isEqualTo(Outcome.MESSAGE);
        assertThat(framer.frameLength()).isEqualTo(message.length());
        assertThat(buf.readerIndex()).isZero();
    }

    @Test
    void shouldNeedMoreWhenTheBodyIsOneByteShort() {
        assertThat(feed(HEAD + "Content-Length: 5\r\n\r\nhell")).isEqualTo(Outcome.NEED_MORE);
        assertThat(feed("o")).isEqualTo(Outcome.MESSAGE);
    }

    @Test
    void shouldNeedMoreWhenTheEmptyLineHasNotArrived() {
        assertThat(feed(HEAD + "Content-Length: 0\r\n\r")).isEqualTo(Outcome.NEED_MORE);
        assertThat(feed("\n")).isEqualTo(Outcome.MESSAGE);
    }

    @Test
    void shouldFrameTheNextMessageWhenTwoAreCoalesced() {
        String one = HEAD + "Content-Length: 1\r\n\r\nx";
        String two = HEAD + "l: 2\r\n\r\nyz";

        assertThat(feedAndConsume(one + two)).isEqualTo(Outcome.MESSAGE);
        assertThat(framer.decode(buf)).isEqualTo(Outcome.MESSAGE);
        assertThat(framer.frameLength()).isEqualTo(two.length());
    }

    @Test
    void shouldReportPingWhenDoubleCrlfArrivesBetweenMessages() {
        assertThat(feed("\r\n\r\n")).isEqualTo(Outcome.PING);
        assertThat(framer.frameLength()).isEqualTo(4);
    }

    @Test
    void shouldReportPongWhenSingleCrlfArrivesAlone() {
        assertThat(feed("\r\n")).isEqualTo(Outcome.PONG);
        assertThat(framer.frameLength()).isEqualTo(2);
    }

    @Test
    void shouldWaitWhenCrlfIsFollowedByALoneCr() {
        assertThat(feed("\r\n\r")).isEqualTo(Outcome.NEED_MORE);
        assertThat(feed("\n")).isEqualTo(Outcome.PING);
    }

    @Test
    void shouldReportPongThenMessageWhenCrlfPrecedesAStartLine() {
        assertThat(feedAndConsume("\r\n" + HEAD + "Content-Length: 0\r\n\r\n")).isEqualTo(Outcome.PONG);
        assertThat(framer.decode(buf)).isEqualTo(Outcome.MESSAGE);
    }

    @Test
    void shouldFailWhenContentLengthIsMissingOnAStream() {
        assertThat(feed(HEAD + "\r\n")).isEqualTo(Outcome.ERROR);
        assertThat(framer.error().rule()).isEqualTo(Rule.MISSING_CONTENT_LENGTH);
    }

    @Test
    void shouldFailWhenContentLengthIsNegative() {
        assertThat(feed(HEAD + "Content-Length: -1\r\n\r\n")).isEqualTo(Outcome.ERROR);
        assertThat(framer.error().rule()).isEqualTo(Rule.BAD_CONTENT_LENGTH);
        assertThat(framer.error().headerName()).isEqualTo("Content-Length");
    }

    @Test
    void shouldFailWhenContentLengthOverflows() {
        assertThat(feed(HEAD + "Content-Length: 99999999999\r\n\r\n")).isEqualTo(Outcome.ERROR);
        assertThat(framer.error().rule()).isEqualTo(Rule.BAD_CONTENT_LENGTH);
    }

    @Test
    void shouldFailWhenContentLengthAppearsTwice() {
        assertThat(feed(HEAD + "Content-Length: 0\r\nl: 0\r\n\r\n")).isEqualTo(Outcome.ERROR);
        assertThat(framer.error().rule()).isEqualTo(Rule.DUPLICATE_HEADER);
    }

    @Test
    void shouldReadContentLengthWhenFoldedAndCompact() {
        assertThat(feed(HEAD + "L :\r\n  3 \r\n\r\nabc")).isEqualTo(Outcome.MESSAGE);
        assertThat(framer.frameLength()).isEqualTo(HEAD.length() + 16);
    }

    @Test
    void shouldIgnoreOtherHeadersWhenTheirNamesResembleContentLength() {
        assertThat(feed(HEAD + "Content-Lengthy: 9\r\nX-l: 7\r\nContent-Length: 0\r\n\r\n")).isEqualTo(Outcome.MESSAGE);
    }

    @Test
    void shouldFailWhenContentLengthMakesTheMessageTooLong() {
        assertThat(feed(HEAD + "Content-Length: 70000\r\n\r\n")).isEqualTo(Outcome.ERROR);
        assertThat(framer.error()).isInstanceOf(TooLongSipMessageException.class);
        assertThat(framer.error().rule()).isEqualTo(Rule.MESSAGE_TOO_LONG);
    }

    @Test
    void shouldFailWhenNoEndOfHeadersArrivesWithinTheLimit() {
        SipFramer small = new SipFramer(new SipLimits(256, 128, 100));
        StringBuilder text = new StringBuilder(HEAD);
        while (text.length() < 300) {
            text.append("X: 1\r\n");
        }
        buf.writeBytes(text.toString().getBytes(StandardCharsets.ISO_8859_1));

        assertThat(small.decode(buf)).isEqualTo(Outcome.ERROR);
        assertThat(small.error().rule()).isEqualTo(Rule.MESSAGE_TOO_LONG);
    }

    @Test
    void shouldAcceptHeadersWhenJustWithinTheLimit() {
        String message = HEAD + "Content-Length: 0\r\n\r\n";
        SipFramer exact = new SipFramer(new SipLimits(message.length(), 64, 16));
        buf.writeBytes(message.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(exact.decode(buf)).isEqualTo(Outcome.MESSAGE);
    }

    @Test
    void shouldFailWhenAHeaderLineExceedsTheLimit() {
        SipFramer small = new SipFramer(new SipLimits(4096, 64, 16));
        buf.writeBytes((HEAD + "Subject: " + "x".repeat(60) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(small.decode(buf)).isEqualTo(Outcome.ERROR);
        assertThat(small.error().rule()).isEqualTo(Rule.HEADER_LINE_TOO_LONG);
    }

    @Test
    void shouldFailWhenThereAreTooManyHeaderLines() {
        SipFramer small = new SipFramer(new SipLimits(4096, 128, 5));
        buf.writeBytes((HEAD + "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(small.decode(buf)).isEqualTo(Outcome.ERROR);
        assertThat(small.error().rule()).isEqualTo(Rule.TOO_MANY_HEADERS);
    }

    @Test
    void shouldFailWhenALineEndsWithABareLf() {
        assertThat(feed("OPTIONS sip:a@example.com SIP/2.0\n")).isEqualTo(Outcome.ERROR);
        assertThat(framer.error().rule()).isEqualTo(Rule.ILLEGAL_CHARACTER);
        assertThat(framer.error().offset()).isEqualTo(33);
    }

    @Test
    void shouldFailWhenAHeaderHoldsABareCr() {
        assertThat(feed(HEAD + "Subject: a\rb\r\n")).isEqualTo(Outcome.ERROR);
        assertThat(framer.error().rule()).isEqualTo(Rule.ILLEGAL_CHARACTER);
        assertThat(framer.error().offset()).isEqualTo(HEAD.length() + 10);
    }

    @Test
    void shouldFailWhenABareLfStandsBeforeAStartLine() {
        assertThat(feed("\nOPTIONS")).isEqualTo(Outcome.ERROR);
        assertThat(framer.error().rule()).isEqualTo(Rule.ILLEGAL_CHARACTER);
    }

    @Test
    void shouldKeepReportingTheErrorWhenCalledAgain() {
        feed(HEAD + "\r\n");

        assertThat(framer.decode(buf)).isEqualTo(Outcome.ERROR);
    }

    @Test
    void shouldFrameTheSameMessageWhenFedOneByteAtATime() {
        String message = HEAD + "Content-Length: 3\r\n\r\nabc";
        Outcome last = Outcome.NEED_MORE;
        for (int i = 0; i < message.length(); i++) {
            last = feed(message.substring(i, i + 1));
            if (i < message.length() - 1) {
                assertThat(last).as("after byte %d", i).isEqualTo(Outcome.NEED_MORE);
            }
        }
        assertThat(last).isEqualTo(Outcome.MESSAGE);
        assertThat(framer.frameLength()).isEqualTo(message.length());
    }
}
