package dev.rehearsal.local.asl;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DefinitionParserTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}} | Missing required field 'StartAt'",
        "{\"StartAt\":\"B\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}} | StartAt 'B' does not exist",
        "{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Pass\",\"Next\":\"Y\"}}} | State 'X': Next 'Y' does not exist",
        "{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Teleport\",\"End\":true}}} | State 'X': Unknown Type 'Teleport'",
        "{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Choice\",\"Default\":\"X\"}}} | State 'X': Choice state must have a non-empty 'Choices' array",
        "{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Pass\",\"End\":true,\"Next\":\"X\"}}} | State 'X': cannot have both 'End' and 'Next'",
        "{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Pass\"}}} | State 'X': must have either 'Next' or 'End': true",
        "{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Task\",\"End\":true}}} | State 'X': Missing required field 'Resource'",
        "{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Wait\",\"End\":true}}} | State 'X': Wait state must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath",
    })
    void rejectsInvalidDefinitionsNamingStateAndField(String definition, String message) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse(definition));
        assertEquals(message, e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void substitutesPlaceholders() {
        StateMachine m = StateMachine.parse("{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"${Fn}\",\"End\":true}}}",
                java.util.Map.of("Fn", "arn:aws:lambda:us-east-1:1:function:f"));
        assertEquals("arn:aws:lambda:us-east-1:1:function:f", m.state("T").resource());
    }
}
