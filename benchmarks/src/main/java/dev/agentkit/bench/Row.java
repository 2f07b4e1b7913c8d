package dev.agentkit.bench;

import java.util.Map;

/**
 * One line of the benchmark table: what was measured, the figure, how it compares, and whether
 * it met its target. Written to the console table and to {@code target/bench.json}.
 *
 * @param id       the row id (B1 ... B7, M1 ...)
 * @param what     what was measured
 * @param figure   the headline figure with its unit, e.g. {@code 412 ms} or {@code 1.9M msgs/s}
 * @param ratio    agentkit side over the compared side, or {@code null}
 * @param spread   relative spread of the repetitions in percent (max-min over median), or {@code null}
 * @param target   the target, in words
 * @param met      whether the target was met, or {@code null} when there is none
 * @param details  every raw figure, for the JSON
 */
public record Row(String id, String what, String figure, Double ratio, Double spread, String target, Boolean met,
                  Map<String, Object> details) {
}
