package dev.rehearsal.functions.http;

/** Request limits: past these a request is refused (413 or 400) before anything is written. */
public final class Limits {
    /** Largest body any route reads (bytes, after base64 decoding). */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    public static final int MAX_PERSONA_BYTES = 32 * 1024;
    public static final int MAX_WORKFLOW_BYTES = 256 * 1024;
    public static final int MAX_SUITE_BYTES = 64 * 1024;
    public static final int MAX_TEST_REQUEST_BYTES = 8 * 1024;
    /** Most steps one workflow may have. */
    public static final int MAX_WORKFLOW_STEPS = 500;
    /** Most personas one test run may simulate. */
    public static final int MAX_PERSONAS_PER_RUN = 25;
    public static final int MAX_SUITE_ENTRIES = 50;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

    private Limits() {
    }
}
