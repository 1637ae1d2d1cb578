package dev.rehearsal.local.cost;

import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.providers.cost.AwsPriceList;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The meter runs the tree's real state machine on dynalite and counts; the bill prices the counts. */
class OrchestrationMeterTest {
    static Path project(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(name)) && Files.exists(d.resolve("template.yaml"))) return d.resolve(name);
        }
        throw new IllegalStateException(name);
    }

    @Test
    void aRunThroughTheStateMachineIsCountedFromItsHistoryItsTasksAndItsDynamoDbCalls() throws Exception {
        String wf = Files.readString(project("examples/sms-lead-followup.workflow.json"));
        var people = List.of(PersonaCatalog.builtIn("cold-carl").orElseThrow(), PersonaCatalog.builtIn("eager-eddie").orElseThrow());
        OrchestrationMeter.Measurement m = new OrchestrationMeter(project("template.yaml")).measure(wf, "sms", people, 3, 7,
                new OfflinePersonaEngine(), 2);
        assertEquals(6, m.walks());
        assertTrue(m.steps() >= 6 * 2, "every walk stores its interactions: " + m.steps());
        // Each Lambda task of the run was invoked and timed, whichever function walked (SimulateWalks batches
        // offline walks, ExecuteStep steps LLM ones); Standard bills every state entered.
        for (String once : List.of("LoadRunFunction", "ValidateMessagesFunction", "GenerateReportFunction")) {
            assertEquals(1, m.functions().stream().filter(f -> f.function().equals(once)).findFirst().orElseThrow().invocations(),
                    once + " runs once per rehearsal: " + m.functions());
        }
        assertTrue(m.functions().stream().anyMatch(f -> f.invocations() > 0
                && (f.function().equals("SimulateWalksFunction") || f.function().equals("ExecuteStepFunction"))), m.functions().toString());
        assertTrue(m.standardTransitions() >= 4, m.toString());
        assertTrue(m.historyEvents() > m.standardTransitions());
        for (OrchestrationMeter.FunctionUse f : m.functions()) {
            assertTrue(f.memoryMb() >= 128 && f.billedMs() >= f.invocations(), f.toString());
            assertEquals("arm64", f.architecture(), "template.yaml's Globals say arm64");
        }
        // The metered client saw every interaction written and the report read back.
        assertTrue(m.dynamodb().operations().get("PutItem") >= m.steps(), m.dynamodb().toString());
        assertTrue(m.dynamodb().operations().containsKey("Query"), m.dynamodb().toString());
        assertTrue(m.dynamodb().writeUnits() >= m.dynamodb().writes() - m.dynamodb().refusedWrites(), m.dynamodb().toString());
        assertTrue(m.dynamodb().readUnits() > 0);
        // Retention: a later walk that repeats its persona's path is not kept; one on a new path is kept by a write.
        assertTrue(m.storedBytes() > 0 && m.keptBytes() <= m.storedBytes());
        assertTrue(m.keptBytes() < m.storedBytes() || m.retentionWrites() > 0, m.toString());
    }

    @Test
    void theBillPricesEachCountAtItsListPrice() {
        var m = new OrchestrationMeter.Measurement("STANDARD", 10, 80, 900, 4_000, 0, 0, 0,
                List.of(new OrchestrationMeter.FunctionUse("ExecuteStepFunction", 1024, "arm64", 1_000, 10_000),
                        new OrchestrationMeter.FunctionUse("GenerateReportFunction", 2048, "x86_64", 1, 500)),
                new MeteredDynamoDb.Counts(Map.of("PutItem", 2_000L, "Query", 100L), 1_000_000, 2_000_000, 0),
                10, 2_000_000_000L, 1, 500_000_000L, 0, 1.0);
        AwsPriceList p = AwsPriceList.bundled();
        AwsBill b = AwsBill.of(m, p, 0, 0, 1);
        assertEquals(1_001, b.lambdaRequests());
        assertEquals(10.0 + 1.0, b.lambdaGbSeconds(), 1e-9); // 10 s at 1 GB + 0.5 s at 2 GB
        double lambda = 1_001 / 1e6 * 0.20 + 10 * 0.0000133334 + 1 * 0.0000166667;
        assertEquals(lambda, b.lambdaDollars(), 1e-12);
        assertEquals(4_000 / 1000.0 * 0.025, b.stepFunctionsDollars(), 1e-12);
        assertEquals(0.625 + 2 * 0.125, b.dynamoDollars(), 1e-12);
        assertEquals(b.lambdaDollars() + b.stepFunctionsDollars() + b.dynamoDollars(), b.orchestrationDollars(), 1e-12);
        assertEquals(2 * 0.25, b.storedDollarsPerMonth(), 1e-12);
        assertEquals(0.5 * 0.25, b.keptDollarsPerMonth(), 1e-12);
        // An LLM run keeps ExecuteStep waiting on the model; 100,000 rehearsals scale every figure.
        AwsBill llm = AwsBill.of(m, p, 100, 1_500, 100_000);
        assertEquals((10 + 150 + 1.0) * 100_000, llm.lambdaGbSeconds(), 1e-6);
        assertEquals(b.stepFunctionsDollars() * 100_000, llm.stepFunctionsDollars(), 1e-6);
        assertTrue(llm.assumptions().stream().anyMatch(a -> a.contains("100 LLM call(s) x 1500 ms")), llm.assumptions().toString());
    }

    @Test
    void statesInsideADistributedMapOfExpressChildrenAreNotBilledAsStandardTransitions() throws Exception {
        Path dir = Files.createTempDirectory("sm");
        Files.writeString(dir.resolve("sm.asl.json"), """
                {"StartAt": "Walks", "States": {
                  "Walks": {"Type": "Map", "ItemsPath": "$.items", "End": true,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                      "StartAt": "Batch", "States": {"Batch": {"Type": "Task", "Resource": "${BatchArn}", "End": true}}}},
                  "Other": {"Type": "Map", "ItemsPath": "$.items", "End": true,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                      "StartAt": "Inline", "States": {"Inline": {"Type": "Pass", "End": true}}}}}}""");
        Files.writeString(dir.resolve("template.yaml"), """
                Resources:
                  BatchFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Y::handleRequest
                  Machine:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      Type: STANDARD
                      DefinitionUri: sm.asl.json
                      DefinitionSubstitutions:
                        BatchArn: !GetAtt BatchFunction.Arn
                """);
        var t = dev.rehearsal.local.runtime.SamTemplate.load(dir.resolve("template.yaml"));
        var express = OrchestrationMeter.Definition.expressStates(t, dir.resolve("template.yaml"));
        assertEquals(java.util.Set.of("Walks"), express.maps());
        assertEquals(java.util.Set.of("Batch"), express.states());
        assertEquals(java.util.Set.of("BatchFunction"), express.functions());
        assertEquals(128, OrchestrationMeter.Definition.memoryMb(t, "BatchFunction"));
        assertEquals("x86_64", OrchestrationMeter.Definition.architecture(t, "BatchFunction"));
    }
}
