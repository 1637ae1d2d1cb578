package dev.rehearsal.functions.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Runs in a fresh JVM (started by {@link ColdStartBenchmark}): loads and initialises a handler
 * class and calls its no-arg constructor, as the Lambda Java runtime does, then handles one event
 * and prints timestamps (epoch microseconds) on one line:
 * {@code COLDSTART main=<t> init=<t> done=<t> cpu=<process CPU µs>}, then {@code OUTPUT <result>}.
 *
 * <p>Usage: {@code LambdaColdStart stream|api[-primed] <handler class> <event file>}; {@code -primed}
 * runs the SnapStart priming after init, as a checkpoint would, so "first event" is what a
 * restored container pays. {@code stream}: a
 * {@link RequestStreamHandler} gets the file's bytes. {@code api}: the API handler; today's is a
 * {@link RequestStreamHandler} too and gets the bytes (it reads the event itself); an older build's is a
 * {@link RequestHandler}, so the file is read into an {@link APIGatewayV2HTTPEvent} with Jackson (the Lambda
 * runtime does the same with its own serializer, outside our jar). Either way reading the event is timed as
 * part of the handling. The API's output line is {@code <status> <body>} in both cases.
 */
public final class LambdaColdStart {
    private LambdaColdStart() {
    }

    static long micros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long tMain = micros();
        String mode = args[0];
        Class<?> c = Class.forName(args[1], true, LambdaColdStart.class.getClassLoader());
        Object handler = c.getDeclaredConstructor().newInstance();
        if (mode.endsWith("-primed")) {
            // What SnapStart's checkpoint runs: the restored container starts after this point.
            dev.rehearsal.functions.snapstart.SnapStartPriming.runForCheckpoint();
            mode = mode.substring(0, mode.length() - "-primed".length());
        }
        long tInit = micros();
        String output;
        boolean apiResponse = false;
        if (mode.equals("stream") || mode.equals("api") && handler instanceof RequestStreamHandler) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
                ((RequestStreamHandler) handler).handleRequest(in, out, null);
            }
            output = out.toString(StandardCharsets.UTF_8);
            apiResponse = mode.equals("api");
        } else if (mode.equals("api")) {
            ObjectMapper m = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            APIGatewayV2HTTPEvent event = m.readValue(Path.of(args[2]).toFile(), APIGatewayV2HTTPEvent.class);
            APIGatewayV2HTTPResponse r = ((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler)
                    .handleRequest(event, null);
            output = r.getStatusCode() + " " + r.getBody();
        } else {
            throw new IllegalArgumentException("mode must be stream or api: " + mode);
        }
        long tDone = micros();
        // CPU time of the whole process so far (all threads, JVM start included): less sensitive than wall time
        // to other work on a shared machine; read after the timed span, so it adds nothing to it.
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1_000).orElse(-1L);
        if (apiResponse) { // after the timed span: the response JSON as "<status> <body>", as the typed case prints it
            com.fasterxml.jackson.databind.JsonNode r = dev.rehearsal.engine.json.JsonTrees.read(output);
            output = r.path("statusCode").asInt() + " " + r.path("body").asText();
        }
        System.out.println("COLDSTART main=" + tMain + " init=" + tInit + " done=" + tDone + " cpu=" + cpu);
        System.out.println("OUTPUT " + output.replace('\n', ' '));
        System.out.flush();
        System.exit(0); // the SDK's idle-connection reaper threads are daemons, but be explicit
    }
}
