/**
 * Requirements from a roadmap file: {@link dev.agentkit.routing.roadmap.RoadmapSource} reads the
 * pending checklist items of a {@code ROADMAP.md} (the format is on its class comment) and
 * {@link dev.agentkit.routing.roadmap.RoadmapException} lists every malformed or duplicate line.
 */
package dev.agentkit.routing.roadmap;
