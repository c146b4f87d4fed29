package io.holdfast.relay.config;

import java.util.Collection;
import java.util.Locale;

/**
 * Finds the known key an unknown one was probably meant to be: the same key in another spelling
 * ({@code media_timeout}, {@code mediaTimeout}), or one within a small edit distance
 * ({@code media-timout}). Stateless.
 */
final class KeySuggestion {
    private KeySuggestion() {
    }

    /** The closest known key, or null when none is close enough to be a likely typo. */
    static String closest(String unknown, Collection<String> known) {
        String normalized = normalize(unknown);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (normalize(candidate).equals(normalized)) {
                return candidate;
            }
            int distance = distance(unknown.toLowerCase(Locale.ROOT), candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= allowedDistance(unknown) ? best : null;
    }

    private static int allowedDistance(String key) {
        return key.length() <= 4 ? 1 : key.length() <= 8 ? 2 : 3;
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
