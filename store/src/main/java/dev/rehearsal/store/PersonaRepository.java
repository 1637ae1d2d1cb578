package dev.rehearsal.store;

import dev.rehearsal.engine.codec.PersonaCodec;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Personas visible to an account: the seven built-ins (from the engine's catalog, never stored,
 * read-only) and the account's own, stored under {@code ACCOUNT#a#PERSONAS / PERSONA#id}.
 */
public final class PersonaRepository {
    private final Table table;
    private final java.time.Duration retention;

    public PersonaRepository(Table table) {
        this(table, null);
    }

    /** {@code retention}: how long a custom persona is kept after its last write (null: until deleted). */
    public PersonaRepository(Table table, java.time.Duration retention) {
        this.table = table;
        this.retention = retention;
    }

    /** A built-in or one of the account's personas. */
    public Optional<Persona> get(String accountId, String personaId) {
        Optional<Persona> builtIn = PersonaCatalog.builtIn(personaId);
        if (builtIn.isPresent()) return builtIn;
        return getCustom(accountId, personaId);
    }

    public Optional<Persona> getCustom(String accountId, String personaId) {
        return table.get(Keys.personasPk(accountId), Keys.personaSk(personaId)).map(PersonaRepository::persona);
    }

    /**
     * The first page (no token) starts with the built-ins; then the account's personas in id
     * order, {@code limit} stored ones a page.
     */
    public Page<Persona> list(String accountId, int limit, String token) {
        Page<Persona> custom = table.query(Keys.personasPk(accountId), "PERSONA#", limit, token, true)
                .map(PersonaRepository::persona);
        if (token != null && !token.isEmpty()) return custom;
        List<Persona> all = new ArrayList<>(PersonaCatalog.builtIns());
        all.addAll(custom.items());
        return new Page<>(all, custom.nextToken());
    }

    /** Creates a custom persona; {@link ConflictException} if the id is taken (built-in or stored). */
    public Persona create(String accountId, Persona persona) {
        Persona p = checkCustom(persona);
        if (!table.putIfAbsent(item(accountId, p, table.now().toString()))) {
            throw new ConflictException("persona '" + p.id() + "' already exists");
        }
        return p;
    }

    /** Creates or replaces a custom persona; {@code created} tells which. */
    public Stored<Persona> put(String accountId, Persona persona) {
        Persona p = checkCustom(persona);
        Optional<Map<String, AttributeValue>> old = table.get(Keys.personasPk(accountId), Keys.personaSk(p.id()));
        String createdAt = old.map(i -> Table.str(i, "createdAt")).orElse(table.now().toString());
        table.put(item(accountId, p, createdAt));
        return new Stored<>(p, old.isEmpty());
    }

    /** Deletes a custom persona; false if the account has none with that id. */
    public boolean delete(String accountId, String personaId) {
        if (PersonaCatalog.isBuiltIn(personaId)) throw new BuiltInPersonaException(personaId);
        return table.deleteExisting(Keys.personasPk(accountId), Keys.personaSk(personaId));
    }

    private static Persona checkCustom(Persona p) {
        if (p.id() == null) throw new IllegalArgumentException("persona id is missing");
        if (PersonaCatalog.isBuiltIn(p.id())) throw new BuiltInPersonaException(p.id());
        return p.builtIn() ? p.withId(p.id(), false) : p;
    }

    private Map<String, AttributeValue> item(String accountId, Persona p, String createdAt) {
        return table.expiring(Item.of(Keys.personasPk(accountId), Keys.personaSk(p.id()), "persona", accountId)
                .s("personaId", p.id())
                .s("doc", PersonaCodec.write(p))
                .s("createdAt", createdAt)
                .s("updatedAt", table.now().toString())
                .build(), retention);
    }

    private static Persona persona(Map<String, AttributeValue> item) {
        try {
            return PersonaCodec.read(Table.str(item, "doc"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored persona is unreadable: " + Table.str(item, "sk"), e);
        }
    }

    /** A write aimed at a built-in persona, which no account may change or delete. */
    public static final class BuiltInPersonaException extends RuntimeException {
        public BuiltInPersonaException(String id) {
            super("persona '" + id + "' is built in and cannot be changed or deleted");
        }
    }
}
