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
    /** The only values so far, as one immutable list, or {@code null}. */
    private List<T> whole;

    void add(T value) {
        if (whole != null) {
            spill();
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = value;
    }

    /** Adds every value of the immutable {@code values}, keeping the list itself while it is the only one. */
    void addAll(List<T> values) {
        if (size == 0 && whole == null) {
            whole = values;
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            add(values.get(i));
        }
    }

    private void spill() {
        List<T> w = whole;
        whole = null;
        for (int i = 0; i < w.size(); i++) {
            add(w.get(i));
        }
    }

    /** Where the values about to be added start, for {@link #since}. */
    int mark() {
        if (whole != null) {
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
        }
        return list;
    }

    int size() {
        return whole != null ? whole.size() : size;
    }

    /** The last value added; there must be one. */
    T last() {
        return whole != null ? whole.get(whole.size() - 1) : get(size - 1);
    }

    @SuppressWarnings("unchecked")
    private T get(int index) {
        return (T) items[index];
    }

    boolean isEmpty() {
        return size == 0 && whole == null;
    }

    void clear() {
        Object[] i = items;
        for (int k = 0; k < size; k++) {
            i[k] = null;
        }
        size = 0;
        whole = null;
    }

    /** The values as an immutable list, built with a single array (the fixed-arity {@code List.of}). */
    List<T> toList() {
        return whole != null ? whole : list(0, size);
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
