package io.holdfast.sip.parse;

/**
 * A message that exceeds one of the {@link SipLimits}: {@link Rule#MESSAGE_TOO_LONG},
 * {@link Rule#HEADER_LINE_TOO_LONG} or {@link Rule#TOO_MANY_HEADERS}. On a stream the connection is
 * closed; a datagram is dropped (or answered 513 when its context was readable). Immutable.
 */
public final class TooLongSipMessageException extends SipParseException {
    public TooLongSipMessageException(Rule rule, int offset, String headerName, String detail,
                                      BadRequestContext badRequestContext) {
        super(requireLimit(rule), offset, headerName, detail, badRequestContext);
    }

    private static Rule requireLimit(Rule rule) {
        if (!rule.isLimit()) {
            throw new IllegalArgumentException("not a size limit rule: " + rule);
        }
        return rule;
    }

    @Override
    SipParseException withContext(BadRequestContext context) {
        return new TooLongSipMessageException(rule(), offset(), headerName(), detail(), context);
    }
}
