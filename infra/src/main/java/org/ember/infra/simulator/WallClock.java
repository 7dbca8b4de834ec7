package org.ember.infra.simulator;

/** Wall-clock time and sleeping, behind an interface so that pacing can be tested without waiting. */
public interface WallClock {
    long millis();

    void sleep(long millis) throws InterruptedException;

    static WallClock system() {
        return new WallClock() {
            @Override
            public long millis() {
                return System.nanoTime() / 1_000_000L;
            }

            @Override
            public void sleep(long millis) throws InterruptedException {
                Thread.sleep(millis);
            }
        };
    }
}
