package dev.rehearsal.store;

import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonaRepositoryTest {
    static PersonaRepository repo;

    @BeforeAll
    static void table() {
        repo = new PersonaRepository(TestTables.fresh(Clock.systemUTC()));
    }

    static Persona persona(String id, String name) {
        return new Persona(id, name, "A lead who " + name, new Persona.Personality("calm", "short", "medium", "low"),
                Map.of("occupation", "Baker"), List.of("opens_emails"), Map.of("first_name", name), false);
    }

    @Test
    void createGetAndConflict() {
        String a = TestTables.account();
        repo.create(a, persona("dora", "Dora"));
        assertEquals("Dora", repo.get(a, "dora").orElseThrow().name());
        assertThrows(ConflictException.class, () -> repo.create(a, persona("dora", "Other")));
        assertEquals("Dora", repo.get(a, "dora").orElseThrow().name(), "the losing create changed nothing");
    }

    @Test
    void builtInsAreVisibleAndReadOnly() {
        String a = TestTables.account();
        assertTrue(repo.get(a, "eager-eddie").orElseThrow().builtIn());
        assertThrows(PersonaRepository.BuiltInPersonaException.class, () -> repo.create(a, persona("cold-carl", "X")));
        assertThrows(PersonaRepository.BuiltInPersonaException.class, () -> repo.put(a, persona("busy-bob", "X")));
        assertThrows(PersonaRepository.BuiltInPersonaException.class, () -> repo.delete(a, "busy-bob"));
        assertTrue(repo.getCustom(a, "busy-bob").isEmpty());
    }

    @Test
    void putCreatesThenReplaces() {
        String a = TestTables.account();
        assertTrue(repo.put(a, persona("ann", "Ann")).created());
        assertFalse(repo.put(a, persona("ann", "Anna")).created());
        assertEquals("Anna", repo.get(a, "ann").orElseThrow().name());
    }

    @Test
    void deleteRemovesOnlyExisting() {
        String a = TestTables.account();
        repo.create(a, persona("gone", "Gone"));
        assertTrue(repo.delete(a, "gone"));
        assertFalse(repo.delete(a, "gone"));
        assertTrue(repo.get(a, "gone").isEmpty());
    }

    @Test
    void listPagesBuiltInsFirstThenCustomInIdOrder() {
        String a = TestTables.account();
        for (int i = 0; i < 12; i++) repo.create(a, persona(String.format("p%02d", i), "P" + i));
        List<String> ids = new ArrayList<>();
        Page<Persona> page = repo.list(a, 5, null);
        assertEquals(PersonaCatalog.BUILT_IN_IDS, page.items().subList(0, 7).stream().map(Persona::id).toList());
        page.items().stream().filter(p -> !p.builtIn()).forEach(p -> ids.add(p.id()));
        int pages = 1;
        while (page.nextToken() != null) {
            page = repo.list(a, 5, page.nextToken());
            page.items().forEach(p -> ids.add(p.id()));
            pages++;
        }
        assertEquals(12, ids.size());
        assertEquals(ids.stream().sorted().toList(), ids);
        assertTrue(pages >= 3);
    }

    @Test
    void accountsDoNotSeeEachOther() {
        String a = TestTables.account();
        String b = TestTables.account();
        repo.create(a, persona("secret", "Secret"));
        assertTrue(repo.get(b, "secret").isEmpty());
        assertFalse(repo.delete(b, "secret"));
        assertEquals(7, repo.list(b, 100, null).items().size());
        assertNull(repo.list(b, 100, null).nextToken());
        assertTrue(repo.get(a, "secret").isPresent());
    }

    @Test
    void tamperedTokensAreRefused() {
        String a = TestTables.account();
        assertThrows(InvalidPageTokenException.class, () -> repo.list(a, 5, "!!not-base64!!"));
        assertThrows(InvalidPageTokenException.class, () -> repo.list(a, 5, Table.encodeToken("RUN")));
    }
}
