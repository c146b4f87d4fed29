package io.holdfast.sip.parse;

import java.util.Arrays;
import java.util.List;

/**
 * The values of one multi-valued header while a message is parsed, in a scratch array the parser
 * reuses, turned once into the immutable list the message keeps (which the builder then takes without
 * copying). When a message's only values are one immutable list (a header line whose value came from
 * the {@link ValueCache}), that list is kept as it is. Not thread-safe.
 *
 * @param <T> the value type
 */
final class Values<T> {
    private Object[] items = new Object[8];
    private int size;
    /** The only values so far, as one immutable list, when {@link #wholeSet}. */
    private List<T> whole;
    private boolean wholeSet;

    void add(T value) {
        if (wholeSet) {
            spill();
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        Object[] i = items;
        if (i[size] != value) {
            i[size] = value;
        }
        size++;
    }

    /** Adds every value of the immutable {@code values}, keeping the list itself while it is the only one. */
    void addAll(List<T> values) {
        if (size == 0 && !wholeSet) {
            if (whole != values) {
                whole = values;
            }
            wholeSet = true;
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            add(values.get(i));
        }
    }

    private void spill() {
        List<T> w = whole;
        wholeSet = false;
        for (int i = 0; i < w.size(); i++) {
            add(w.get(i));
        }
    }

    /** Where the values about to be added start, for {@link #since}. */
    int mark() {
        if (wholeSet) {
            spill();
        }
        return size;
    }

    /**
     * The values added since {@code mark}, as a new immutable list; when they are all the values, the
     * list also becomes what {@link #toList} answers.
     */
    List<T> since(int mark) {
        List<T> list = list(mark, size);
        if (mark == 0) {
            clear();
            whole = list;
            wholeSet = true;
        }
        return list;
    }

    int size() {
        return wholeSet ? whole.size() : size;
    }

    /** The last value added; there must be one. */
    @SuppressWarnings("unchecked")
    T last() {
        return wholeSet ? whole.get(whole.size() - 1) : (T) items[size - 1];
    }

    boolean isEmpty() {
        return size == 0 && !wholeSet;
    }

    /**
     * Forgets the values. The slots keep the references they held (and {@link #whole} its list) until a
     * later message overwrites them, and a value stored where the same value already is is not stored
     * again: this object lives long, and storing a reference into it costs a garbage-collector barrier,
     * which a peer's recurring values (a kept list, a kept header) then no longer pay. The slots past the
     * size are never read.
     */
    void clear() {
        size = 0;
        wholeSet = false;
    }

    /** The values as an immutable list, built with a single array (the fixed-arity {@code List.of}). */
    List<T> toList() {
        return wholeSet ? whole : list(0, size);
    }

    @SuppressWarnings("unchecked")
    private List<T> list(int from, int to) {
        Object[] i = items;
        int f = from;
        Object list = switch (to - from) {
            case 0 -> List.of();
            case 1 -> List.of(i[f]);
            case 2 -> List.of(i[f], i[f + 1]);
            case 3 -> List.of(i[f], i[f + 1], i[f + 2]);
            case 4 -> List.of(i[f], i[f + 1], i[f + 2], i[f + 3]);
            case 5 -> List.of(i[f], i[f + 1], i[f + 2], i[f + 3], i[f + 4]);
            case 6 -> List.of(i[f], i[f + 1], i[f + 2], i[f + 3], i[f + 4], i[f + 5]);
            case 7 -> List.of(i[f], i[f + 1], i[f + 2], i[f + 3], i[f + 4], i[f + 5], i[f + 6]);
            case 8 -> List.of(i[f], i[f + 1], i[f + 2], i[f + 3], i[f + 4], i[f + 5], i[f + 6], i[f + 7]);
            default -> List.of(Arrays.copyOfRange(i, from, to));
        };
        return (List<T>) list;
    }
}
