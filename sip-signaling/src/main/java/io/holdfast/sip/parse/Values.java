package io.holdfast.sip.parse;

import java.util.Arrays;
import java.util.List;

/**
 * The values of one multi-valued header while a message is parsed, in a scratch array the parser
 * reuses, turned once into the immutable list the message keeps (which the builder then takes without
 * copying). Not thread-safe.
 *
 * @param <T> the value type
 */
final class Values<T> {
    private Object[] items = new Object[8];
    private int size;

    void add(T value) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = value;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        Object[] i = items;
        for (int k = 0; k < size; k++) {
            i[k] = null;
        }
        size = 0;
    }

    /** The values as an immutable list, built with a single array (the fixed-arity {@code List.of}). */
    @SuppressWarnings("unchecked")
    List<T> toList() {
        Object[] i = items;
        Object list = switch (size) {
            case 0 -> List.of();
            case 1 -> List.of(i[0]);
            case 2 -> List.of(i[0], i[1]);
            case 3 -> List.of(i[0], i[1], i[2]);
            case 4 -> List.of(i[0], i[1], i[2], i[3]);
            case 5 -> List.of(i[0], i[1], i[2], i[3], i[4]);
            case 6 -> List.of(i[0], i[1], i[2], i[3], i[4], i[5]);
            case 7 -> List.of(i[0], i[1], i[2], i[3], i[4], i[5], i[6]);
            case 8 -> List.of(i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7]);
            case 9 -> List.of(i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7], i[8]);
            case 10 -> List.of(i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7], i[8], i[9]);
            default -> List.of(Arrays.copyOf(i, size));
        };
        return (List<T>) list;
    }
}
