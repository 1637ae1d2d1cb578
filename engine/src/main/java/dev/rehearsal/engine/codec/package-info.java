/**
 * Hand-written JSON readers and writers, over jackson-core's streaming parser and generator, for the
 * documents a Lambda reads and writes on its first event: a persona ({@link dev.rehearsal.engine.codec.PersonaCodec}),
 * a simulation session ({@link dev.rehearsal.engine.codec.SessionCodec}) and an interaction
 * ({@link dev.rehearsal.engine.codec.InteractionCodec}). They give exactly the text and objects
 * {@link dev.rehearsal.engine.json.Json}'s mapper gives (tests compare the two over real documents), without
 * loading data binding (some 600 classes; docs/PERFORMANCE.md, "Lambda cold start: what the first event loads").
 * A reader handles only the shapes the writers produce; on anything else (an unknown field, a null, a
 * number written as text) it hands the whole document to the mapper, so old and odd documents read as before.
 */
package dev.rehearsal.engine.codec;
