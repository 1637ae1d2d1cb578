package dev.rehearsal.local.cli;

import dev.rehearsal.engine.json.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The input file read on a second core while picocli starts: the command gets what it would have read itself. */
class PreloadTest {
    private static final Path SUITE = CliTest.examples().resolve("sms-lead-followup.suite.json");
    private static final Path WORKFLOW = CliTest.examples().resolve("email-nurture.workflow.json");

    @Test
    void theCommandTakesTheEarlyReadOfItsFileOnce() {
        Preload.start(new String[]{"test", SUITE.toString(), "--format", "json"});
        InputFiles.Loaded early = Preload.take(SUITE.toAbsolutePath().getParent().resolve("./sms-lead-followup.suite.json"));
        assertNotNull(early, "the same file, named another way");
        InputFiles.Loaded now = InputFiles.loadNow(SUITE);
        assertEquals(now.workflow().id(), early.workflow().id());
        assertEquals(now.workflow().steps().size(), early.workflow().steps().size());
        assertEquals(now.suite().expectations(), early.suite().expectations());
        assertNull(Preload.take(SUITE), "taken once: a second read is a fresh one");
    }

    @Test
    void anotherFileIsReadAfresh() {
        Preload.start(new String[]{"validate", SUITE.toString()});
        assertNull(Preload.take(WORKFLOW));
        assertEquals("email-nurture", InputFiles.load(WORKFLOW).workflow().id());
    }

    @Test
    void aBadFileFailsAsTheCommandsOwnReadWould(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.workflow.json");
        Files.writeString(bad, "{\"id\": \"x\", \"name\": \"x\", \"start\": \"a\", \"steps\": [{\"id\": \"a\", \"type\": \"teleport\"}]}");
        InvalidInputException own = assertThrows(InvalidInputException.class, () -> InputFiles.loadNow(bad));
        Preload.start(new String[]{"validate", bad.toString()});
        InvalidInputException early = assertThrows(InvalidInputException.class, () -> Preload.take(bad));
        assertEquals(own.problems(), early.problems());
        assertEquals(own.getMessage(), early.getMessage());
    }

    @Test
    void nothingIsReadEarlyWhenTheFirstArgumentIsNotAFileOrTheCommandReadsNone(@TempDir Path dir) {
        Preload.start(new String[]{"validate", "--format", "json", WORKFLOW.toString()});
        assertNull(Preload.take(WORKFLOW));
        Preload.start(new String[]{"validate", dir.resolve("missing.json").toString()});
        assertNull(Preload.take(dir.resolve("missing.json")));
        Preload.start(new String[]{"personas", WORKFLOW.toString()});
        assertNull(Preload.take(WORKFLOW));
    }
}
