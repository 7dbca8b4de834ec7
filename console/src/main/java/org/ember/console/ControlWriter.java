package org.ember.console;

import java.util.ArrayList;
import java.util.List;
import org.ember.rules.delivery.ControlMessage;

/**
 * Where the console puts what operators decide (acknowledgements, silences): {@code ember.acks},
 * read back by the job. {@link #write} returns only once the record is stored, so the operator's
 * "done" is true.
 */
public interface ControlWriter extends AutoCloseable {
    void write(ControlMessage message);

    @Override
    void close();

    /** Keeps what it is given, for tests and consoles without Kafka. */
    final class InMemory implements ControlWriter {
        private final List<ControlMessage> written = new ArrayList<>();

        @Override
        public synchronized void write(ControlMessage message) {
            written.add(message);
        }

        public synchronized List<ControlMessage> written() {
            return List.copyOf(written);
        }

        @Override
        public void close() {}
    }
}
