package org.ember.fusion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link LadState} over plain maps: what the job keeps in keyed Flink state, for replays and tests. */
public final class MemoryLadState {
    private MemoryLadState() {}

    public static LadState create() {
        return new LadState(new Book<>(), new Book<>(), new Book<>(), new Book<>(), new Book<>(), new Book<>(), new Book<>(), new Book<>(),
                new Slot<>(), new Slot<>(), new Slot<>());
    }

    private static final class Book<V> implements LadState.Book<V> {
        private final Map<String, V> map = new LinkedHashMap<>();

        @Override
        public V get(String key) {
            return map.get(key);
        }

        @Override
        public void put(String key, V value) {
            map.put(key, value);
        }

        @Override
        public void remove(String key) {
            map.remove(key);
        }

        @Override
        public Iterable<Map.Entry<String, V>> entries() {
            // A copy: callers may change the book while iterating what it held (LadState.Book's contract).
            return new ArrayList<>(map.entrySet());
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }
    }

    private static final class Slot<V> implements LadState.Slot<V> {
        private V value;

        @Override
        public V get() {
            return value;
        }

        @Override
        public void set(V v) {
            value = v;
        }
    }
}
