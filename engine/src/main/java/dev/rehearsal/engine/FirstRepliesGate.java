package dev.rehearsal.engine;

import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.ResponderInfo;

import java.util.concurrent.CountDownLatch;

/**
 * Holds an LLM run's message analyses back until the first wave of walks has its first replies (see
 * {@link Rehearsal#walk}). Opens after {@code n} events, each a reply returned to a walk or a walk ended (a walk
 * that never waits for a reply never asks for one), {@code n} being the number of walks that start at once; the
 * caller opens it in any case when the walking ends, failed or not.
 */
final class FirstRepliesGate {
    private final CountDownLatch latch;

    FirstRepliesGate(int n) {
        latch = new CountDownLatch(Math.max(0, n));
    }

    /** {@code inner}, counting each reply it returns (or fails to). */
    PersonaResponder counting(PersonaResponder inner) {
        return new PersonaResponder() {
            @Override
            public PersonaReply respond(ReplyRequest request) {
                try {
                    return inner.respond(request);
                } finally {
                    latch.countDown();
                }
            }

            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public ResponderInfo info() {
                return inner.info();
            }
        };
    }

    void walkEnded() {
        latch.countDown();
    }

    void open() {
        while (latch.getCount() > 0) latch.countDown();
    }

    void await() {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
