package io.holdfast.sip.parse;

/**
 * What a Via, From or To line parsed to, kept around its last parameter value (a branch, a tag):
 * {@code value} is the Via or name-addr with that value, which is parameter {@code parameter} of
 * it; {@code unique} says whether such a value bypasses the string cache ({@link SipScanner#fresh}).
 * Reused like {@link KeptField}. Confined to its parser's thread.
 */
final class KeptAround {
    private HeaderName name;
    private Object value;
    private int parameter;
    private boolean unique;

    KeptAround set(HeaderName keptName, Object keptValue, int keptParameter, boolean keptUnique) {
        name = keptName;
        value = keptValue;
        parameter = keptParameter;
        unique = keptUnique;
        return this;
    }

    HeaderName name() {
        return name;
    }

    Object value() {
        return value;
    }

    int parameter() {
        return parameter;
    }

    boolean unique() {
        return unique;
    }
}
