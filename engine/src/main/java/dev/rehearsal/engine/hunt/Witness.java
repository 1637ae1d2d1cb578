package dev.rehearsal.engine.hunt;

import dev.rehearsal.engine.sim.Interaction;

import java.util.List;

/**
 * A scripted lead's walk that takes a transition the persona walks missed: what it did at each
 * message ({@code script}) and the whole walk ({@code transcript}). Scripted, not simulated: it
 * proves the branch can be taken, not how often real leads take it.
 */
public record Witness(String transition, List<String> script, List<Interaction> transcript) {
}
