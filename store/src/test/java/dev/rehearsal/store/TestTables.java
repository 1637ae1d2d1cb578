package dev.rehearsal.store;

import dev.rehearsal.store.local.Dynalite;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/** A fresh table on the JVM's shared dynalite server, and a clock tests can move. */
final class TestTables {
    private TestTables() {
    }

    static Table fresh(Clock clock) {
        String name = "t-" + UUID.randomUUID();
        TableAdmin.createTable(Dynalite.shared().client(), name);
        return new Table(Dynalite.shared().client(), name, clock);
    }

    static String account() {
        return "acct-" + UUID.randomUUID();
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
