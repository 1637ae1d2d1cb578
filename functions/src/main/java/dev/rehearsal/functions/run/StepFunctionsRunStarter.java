package dev.rehearsal.functions.run;

import dev.rehearsal.engine.json.Json;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

import java.time.Duration;

/**
 * Starts the test-run state machine ({@code STATE_MACHINE_ARN}). The execution is named after
 * the run id, so Step Functions itself refuses a second execution of the same run.
 */
public final class StepFunctionsRunStarter implements RunStarter {
    public static final String STATE_MACHINE_ARN_ENV = "STATE_MACHINE_ARN";
    private final SfnClient client;
    private final String stateMachineArn;

    public StepFunctionsRunStarter(SfnClient client, String stateMachineArn) {
        this.client = client;
        this.stateMachineArn = stateMachineArn;
    }

    public static StepFunctionsRunStarter fromEnvironment() {
        String arn = System.getenv(STATE_MACHINE_ARN_ENV);
        if (arn == null || arn.isBlank()) throw new IllegalStateException(STATE_MACHINE_ARN_ENV + " is not set");
        SfnClient c = SfnClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)))
                .build();
        return new StepFunctionsRunStarter(c, arn);
    }

    @Override
    public void start(RunRef run) {
        try {
            client.startExecution(b -> b.stateMachineArn(stateMachineArn).name(run.runId()).input(Json.write(run)));
        } catch (ExecutionAlreadyExistsException e) {
            // a retried start of the same run: already running
        } catch (SdkClientException e) {
            // No answer from Step Functions: the execution may have started. Same name and input make a
            // repeated StartExecution idempotent, so the caller can simply retry.
            throw new RunStartUncertainException("Step Functions did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop(RunRef run) {
        try {
            client.stopExecution(b -> b.executionArn(executionArn(stateMachineArn, run.runId()))
                    .error("RunCancelled").cause("DELETE /tests/" + run.runId()));
        } catch (ExecutionDoesNotExistException e) {
            // never started (or its start failed): nothing to stop
        }
    }

    /** The execution of a run: named after the run id, under the state machine. */
    public static String executionArn(String stateMachineArn, String runId) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + runId;
    }
}
