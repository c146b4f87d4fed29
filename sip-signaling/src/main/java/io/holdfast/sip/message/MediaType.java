package io.holdfast.sip.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A Content-Type value (RFC 3261 §20.15, RFC 2045 §5.1): type, subtype and parameters. Type and
 * subtype compare in lower case; parameter values are held unquoted.
 */
public record MediaType(String type, String subtype, Map<String, String> parameters) {
    public static final MediaType APPLICATION_SDP = new MediaType("application", "sdp", Map.of());

    public MediaType {
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * Reads {@code type/subtype *(;name=value)}; returns {@code null} when the value is not of that
     * form, so the caller decides how to answer.
     */
    public static MediaType parse(String value) {
        Objects.requireNonNull(value, "value");
        String[] typeAndParams = splitFirst(value, ';');
        String[] typeAndSubtype = splitFirst(typeAndParams[0].trim(), '/');
        if (typeAndSubtype.length != 2 || !isToken(typeAndSubtype[0]) || !isToken(typeAndSubtype[1].trim())) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        String rest = typeAndParams.length > 1 ? typeAndParams[1] : "";
        while (!rest.isBlank()) {
            int eq = rest.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String name = rest.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String tail = rest.substring(eq + 1).trim();
            String paramValue;
            if (tail.startsWith("\"")) {
                int close = tail.indexOf('"', 1);
                if (close < 0) {
                    return null;
                }
                paramValue = tail.substring(1, close);
                tail = tail.substring(close + 1).trim();
                if (!tail.isEmpty() && tail.charAt(0) != ';') {
                    return null;
                }
                rest = tail.isEmpty() ? "" : tail.substring(1);
            } else {
                String[] valueAndRest = splitFirst(tail, ';');
                paramValue = valueAndRest[0].trim();
                rest = valueAndRest.length > 1 ? valueAndRest[1] : "";
            }
            if (!isToken(name) || paramValue.isEmpty()) {
                return null;
            }
            params.put(name, paramValue);
        }
        return new MediaType(typeAndSubtype[0], typeAndSubtype[1].trim(), params);
    }

    /** Same type and subtype, parameters ignored. */
    public boolean is(String expectedType, String expectedSubtype) {
        return type.equals(expectedType) && subtype.equals(expectedSubtype);
    }

    public boolean isMultipart() {
        return type.equals("multipart");
    }

    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(type).append('/').append(subtype);
        parameters.forEach((name, value) -> {
            out.append(';').append(name).append('=');
            if (isToken(value)) {
                out.append(value);
            } else {
                out.append('"').append(value).append('"');
            }
        });
        return out.toString();
    }

    private static String[] splitFirst(String value, char separator) {
        int i = value.indexOf(separator);
        return i < 0 ? new String[] {value} : new String[] {value.substring(0, i), value.substring(i + 1)};
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c < 0x7f && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
