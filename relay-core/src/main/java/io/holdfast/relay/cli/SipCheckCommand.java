package io.holdfast.relay.cli;

import io.holdfast.sip.edge.EdgeMessageCheck;
import io.holdfast.sip.edge.EdgeVerdict;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipHeader;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.Via;
import io.holdfast.sip.parse.SipLimits;
import io.holdfast.sip.parse.SipParser;
import io.holdfast.sip.sdp.MediaDescription;
import io.holdfast.sip.sdp.SessionDescription;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code holdfast sip check FILE}: applies the edge's checks to one captured datagram and says what
 * holdfast makes of it. Exit 0 accepted, 1 rejected, 2 usage or I/O error.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Reads one raw SIP message (the bytes of one UDP datagram) and applies exactly the checks holdfast's",
            "edge applies to a received message, the SDP of an INVITE included.",
            "Prints what it parsed and exits 0, or why it is rejected (header, byte offset, rule) and exits 1.",
            "Exit 2 for usage or I/O errors."})
final class SipCheckCommand implements Callable<Integer> {
    static final int ACCEPTED = 0;
    static final int REJECTED = 1;
    static final int IO_ERROR = 2;

    @Parameters(paramLabel = "FILE", description = "the raw message, exactly as received")
    private Path file;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            err.println("holdfast sip check: cannot read " + file + ": " + e);
            return IO_ERROR;
        }
        EdgeVerdict verdict = new EdgeMessageCheck(SipLimits.DEFAULT)
                .check(bytes, 0, bytes.length, SipParser.Framing.DATAGRAM);
        if (verdict instanceof EdgeVerdict.Rejected rejected) {
            out.println("REJECTED: " + rejected.fault());
            if (rejected.canRespond()) {
                SipResponse response = rejected.response();
                out.println("holdfast answers: " + response.statusCode() + ' ' + response.reasonPhrase());
            } else {
                out.println("holdfast drops it and counts it: no response can be formed.");
            }
            return REJECTED;
        }
        EdgeVerdict.Accepted accepted = (EdgeVerdict.Accepted) verdict;
        print(accepted.message(), out);
        if (accepted.sdp() != null) {
            print(accepted.sdp(), out);
        }
        return ACCEPTED;
    }

    private static void print(SipMessage message, PrintWriter out) {
        if (message instanceof SipRequest request) {
            out.println("OK: request " + request.methodToken() + ' ' + request.requestUri());
        } else {
            SipResponse response = (SipResponse) message;
            out.println("OK: response " + response.statusCode() + ' ' + response.reasonPhrase());
        }
        for (Via via : message.vias()) {
            out.println("  Via: " + via);
        }
        out.println("  From: " + message.from());
        out.println("  To: " + message.to());
        out.println("  Call-ID: " + message.callId());
        out.println("  CSeq: " + message.cseq());
        if (message.maxForwards() != SipMessage.ABSENT) {
            out.println("  Max-Forwards: " + message.maxForwards());
        }
        if (message.contactWildcard()) {
            out.println("  Contact: *");
        }
        printAll("Contact", message.contacts(), out);
        printAll("Route", message.routes(), out);
        printAll("Record-Route", message.recordRoutes(), out);
        message.reasons().forEach(r -> out.println("  Reason: " + r));
        printList("Allow", message.allow(), out);
        printList("Supported", message.supported(), out);
        printList("Require", message.require(), out);
        if (message.sessionExpires() != null) {
            out.println("  Session-Expires: " + message.sessionExpires());
        }
        if (message.minSe() != SipMessage.ABSENT) {
            out.println("  Min-SE: " + message.minSe());
        }
        if (message.contentType() != null) {
            out.println("  Content-Type: " + message.contentType());
        }
        out.println("  Content-Length: " + message.bodyLength());
        for (SipHeader header : message.otherHeaders()) {
            out.println("  (passed through) " + header.name() + ": " + header.value());
        }
    }

    private static void printAll(String name, List<NameAddr> values, PrintWriter out) {
        values.forEach(v -> out.println("  " + name + ": " + v));
    }

    private static void printList(String name, List<String> values, PrintWriter out) {
        if (!values.isEmpty()) {
            out.println("  " + name + ": " + String.join(", ", values));
        }
    }

    private static void print(SessionDescription sdp, PrintWriter out) {
        out.println("  SDP: origin " + sdp.origin() + ", " + sdp.media().size() + " media");
        for (MediaDescription m : sdp.media()) {
            InetSocketAddress rtp = sdp.rtpAddressFor(m);
            out.println("    m=" + m.media() + ' ' + rtp.getHostString() + ':' + rtp.getPort() + ' ' + m.proto() + " formats "
                    + m.formats() + ", " + sdp.direction(m).name().toLowerCase(Locale.ROOT)
                    + (m.rtcpMux() ? ", rtcp-mux" : ""));
        }
    }
}
