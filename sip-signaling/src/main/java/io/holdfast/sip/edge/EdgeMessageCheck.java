package io.holdfast.sip.edge;

import io.holdfast.sip.message.MalformedBodyException;
import io.holdfast.sip.message.MediaType;
import io.holdfast.sip.message.MultipartBody;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.parse.SipLimits;
import io.holdfast.sip.parse.SipParseException;
import io.holdfast.sip.parse.SipParser;
import io.holdfast.sip.sdp.SdpParseException;
import io.holdfast.sip.sdp.SessionDescription;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Parses one received message and checks the body an offer/answer exchange depends on. A request or
 * response of INVITE, ACK, UPDATE or PRACK that has a body must carry {@code application/sdp},
 * directly or as a part of a {@code multipart/mixed} body (RFC 5621), and that SDP must be valid
 * (RFC 4566/8866): a bad SDP gets {@code 400}, another body type {@code 415} (RFC 3261 §21.4.13). The
 * To tag of a refusal is left to the caller (a stateless answer needs none for requests it rejects
 * outright). Confined to one event loop (the parser keeps scratch state).
 */
public final class EdgeMessageCheck {
    private final SipParser parser;

    public EdgeMessageCheck(SipLimits limits) {
        this.parser = new SipParser(Objects.requireNonNull(limits, "limits"));
    }

    /** Checks the readable bytes of a datagram or stream frame. Borrows; does not retain. */
    public EdgeVerdict check(ByteBuf message, SipParser.Framing framing) {
        try {
            return checkBody(parser.parse(message, framing));
        } catch (SipParseException e) {
            return refusal(e);
        }
    }

    /** Checks {@code length} bytes of {@code bytes} from {@code offset}. */
    public EdgeVerdict check(byte[] bytes, int offset, int length, SipParser.Framing framing) {
        try {
            return checkBody(parser.parse(bytes, offset, length, framing));
        } catch (SipParseException e) {
            return refusal(e);
        }
    }

    /**
     * Checks the body of an already parsed message: the transport calls this after its codec parsed the
     * message. Stateless, callable on any thread.
     */
    public static EdgeVerdict checkBody(SipMessage message) {
        if (message.bodyLength() == 0 || !carriesSessionDescription(message)) {
            return new EdgeVerdict.Accepted(message, null);
        }
        String contentType = message.contentType();
        MediaType mediaType = contentType == null ? null : MediaType.parse(contentType);
        if (mediaType == null) {
            return unsupported(message, contentType == null
                    ? "body without Content-Type"
                    : "malformed Content-Type \"" + contentType + '"');
        }
        byte[] sdpBytes;
        if (mediaType.is("application", "sdp")) {
            sdpBytes = message.body();
        } else if (mediaType.isMultipart()) {
            try {
                MultipartBody.Part part = MultipartBody.parse(mediaType, message.body()).firstOfType("application", "sdp");
                if (part == null) {
                    return unsupported(message, "multipart body without an application/sdp part");
                }
                sdpBytes = part.content();
            } catch (MalformedBodyException e) {
                return bad(message, "Malformed multipart body", e.getMessage());
            }
        } else {
            return unsupported(message, "body of type " + mediaType.type() + '/' + mediaType.subtype()
                    + " where application/sdp is expected");
        }
        try {
            return new EdgeVerdict.Accepted(message, SessionDescription.parse(sdpBytes));
        } catch (SdpParseException e) {
            return bad(message, "Malformed SDP", e.getMessage());
        }
    }

    private static boolean carriesSessionDescription(SipMessage message) {
        SipMethod method = message instanceof SipRequest request ? request.method() : message.cseq().method();
        return method == SipMethod.INVITE || method == SipMethod.ACK || method == SipMethod.UPDATE
                || method == SipMethod.PRACK;
    }

    private static EdgeVerdict refusal(SipParseException e) {
        String fault = e.getMessage();
        if (!e.canRespond()) {
            return new EdgeVerdict.Rejected(fault, null);
        }
        if (e.badRequestContext().methodToken().equals("ACK")) {
            // An ACK is never answered (RFC 3261 §17.1.1.3): drop and count it.
            return new EdgeVerdict.Rejected(fault, null);
        }
        return new EdgeVerdict.Rejected(fault, e.badRequestContext().toResponse(null));
    }

    private static EdgeVerdict bad(SipMessage message, String phrase, String detail) {
        return reject(message, 400, "Bad Request - " + phrase, phrase + ": " + detail);
    }

    private static EdgeVerdict unsupported(SipMessage message, String detail) {
        return reject(message, 415, "Unsupported Media Type", "Unsupported body: " + detail);
    }

    /** Responses and ACKs are never answered; a refused one is dropped and counted by the caller. */
    private static EdgeVerdict reject(SipMessage message, int status, String phrase, String fault) {
        if (!(message instanceof SipRequest request) || request.method() == SipMethod.ACK) {
            return new EdgeVerdict.Rejected(fault, null);
        }
        SipResponse.Builder response = SipResponse.to(request, status, phrase);
        if (status == 415) {
            response.addHeader("Accept", "application/sdp");
        }
        return new EdgeVerdict.Rejected(fault, response.build());
    }
}
