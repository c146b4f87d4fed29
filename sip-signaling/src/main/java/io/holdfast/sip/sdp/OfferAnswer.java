package io.holdfast.sip.sdp;

/**
 * A completed RFC 3264 exchange: an offer and the answer to it, checked to match (§6: the same
 * number of {@code m=} lines, with the same media types). Answers what each stream settled on: the
 * codec the media plane uses (e.g. to pick the PCMU or PCMA hold prompt), the telephone-event
 * payload type, rtcp-mux. Immutable.
 */
public final class OfferAnswer {
    private final SessionDescription offer;
    private final SessionDescription answer;

    private OfferAnswer(SessionDescription offer, SessionDescription answer) {
        this.offer = offer;
        this.answer = answer;
    }

    /**
     * Pairs an offer with its answer.
     *
     * @throws SdpNegotiationException when the answer's {@code m=} lines do not match the offer's
     */
    public static OfferAnswer of(SessionDescription offer, SessionDescription answer) throws SdpNegotiationException {
        if (offer.media().size() != answer.media().size()) {
            throw new SdpNegotiationException("the answer has " + answer.media().size() + " m= lines, the offer "
                    + offer.media().size());
        }
        for (MediaDescription o : offer.media()) {
            MediaDescription a = answer.media(o.index());
            if (!o.media().equals(a.media())) {
                throw new SdpNegotiationException("m= line " + (o.index() + 1) + " is " + o.media()
                        + " in the offer but " + a.media() + " in the answer");
            }
            if (o.isRejected() && !a.isRejected()) {
                throw new SdpNegotiationException("m= line " + (o.index() + 1)
                        + " has port 0 in the offer but not in the answer");
            }
        }
        return new OfferAnswer(offer, answer);
    }

    /**
     * Shorthand for {@code of(offer, answer).negotiatedCodec()}: the voice codec of the first
     * accepted audio stream, or {@code null}.
     *
     * @throws SdpNegotiationException when the answer's {@code m=} lines do not match the offer's
     */
    public static RtpMap negotiatedCodec(SessionDescription offer, SessionDescription answer)
            throws SdpNegotiationException {
        return of(offer, answer).negotiatedCodec();
    }

    public SessionDescription offer() {
        return offer;
    }

    public SessionDescription answer() {
        return answer;
    }

    /** True when neither side set the stream's port to 0. */
    public boolean isAccepted(int mediaIndex) {
        return !offer.media(mediaIndex).isRejected() && !answer.media(mediaIndex).isRejected();
    }

    /** The first accepted audio stream's index, or {@link MediaDescription#ABSENT}. */
    public int audioIndex() {
        for (MediaDescription m : answer.media()) {
            if (m.isAudio() && m.isRtp() && isAccepted(m.index())) {
                return m.index();
            }
        }
        return MediaDescription.ABSENT;
    }

    /** The negotiated voice codec of the first accepted audio stream, or {@code null}. */
    public RtpMap negotiatedCodec() {
        int index = audioIndex();
        return index == MediaDescription.ABSENT ? null : negotiatedCodec(index);
    }

    /**
     * The negotiated voice codec of a stream: the first payload type of the answer's {@code m=} line
     * that is a voice codec (not telephone-event or comfort noise) the offer also lists, matched by
     * encoding name, clock rate and channels; the answer's {@link RtpMap} (so its payload type is
     * the one the answerer receives). {@code null} when the stream is rejected, not RTP, or shares
     * none.
     */
    public RtpMap negotiatedCodec(int mediaIndex) {
        if (!isAccepted(mediaIndex)) {
            return null;
        }
        MediaDescription a = answer.media(mediaIndex);
        MediaDescription o = offer.media(mediaIndex);
        for (RtpMap map : a.rtpMaps()) {
            if (map.isVoiceCodec() && offers(o, map)) {
                return map;
            }
        }
        return null;
    }

    /**
     * The answer's telephone-event payload type (RFC 4733) of a stream when both sides list
     * telephone-event at the negotiated codec's clock rate, else {@link MediaDescription#ABSENT}.
     * The offer's own number is {@code offer().media(i).telephoneEventPayloadType(clockRate)}.
     */
    public int telephoneEventPayloadType(int mediaIndex) {
        RtpMap codec = negotiatedCodec(mediaIndex);
        if (codec == null) {
            return MediaDescription.ABSENT;
        }
        int answered = answer.media(mediaIndex).telephoneEventPayloadType(codec.clockRate());
        int offered = offer.media(mediaIndex).telephoneEventPayloadType(codec.clockRate());
        return offered == MediaDescription.ABSENT ? MediaDescription.ABSENT : answered;
    }

    /** True when both sides carry {@code a=rtcp-mux} for the stream (RFC 5761 §5.1.1). */
    public boolean rtcpMux(int mediaIndex) {
        return isAccepted(mediaIndex) && offer.media(mediaIndex).rtcpMux() && answer.media(mediaIndex).rtcpMux();
    }

    private static boolean offers(MediaDescription offered, RtpMap map) {
        for (RtpMap candidate : offered.rtpMaps()) {
            if (candidate.encodingName().equalsIgnoreCase(map.encodingName())
                    && candidate.clockRate() == map.clockRate() && candidate.channels() == map.channels()) {
                return true;
            }
        }
        return false;
    }
}
