package dev.rehearsal.providers.prompt;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CalibrationTest {
    @ParameterizedTest(name = "{0} with a {1}-token cache minimum fills {2}")
    @CsvSource({"auto, 1024, 1024", "auto, 2048, 2048", "auto, 4096, 0", "auto, 0, 0",
            "on, 4096, 4096", "on, 1024, 1024", "off, 1024, 0", "off, 4096, 0", ", 1024, 1024"})
    void prefixTargetFollowsThePolicy(String setting, int minCache, int target) {
        assertEquals(target, Calibration.parse(setting).prefixTarget(minCache));
    }
}
