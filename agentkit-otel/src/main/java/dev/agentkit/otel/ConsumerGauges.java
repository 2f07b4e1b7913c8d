package dev.agentkit.otel;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.Topology;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pending and in-flight counts of each agent's consumers as observable gauges
 * ({@code agentkit.consumer.pending}, {@code agentkit.consumer.in_flight}), read from
 * {@link Broker#status} each time the metrics are collected. A consumer the broker cannot report
 * on is left out of that collection (logged at debug). Closing it unregisters the gauges.
 */
final class ConsumerGauges implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsumerGauges.class);
    static final String PENDING = "agentkit.consumer.pending";
    static final String IN_FLIGHT = "agentkit.consumer.in_flight";

    private record Watched(ConsumerRef ref, Attributes attributes) {
    }

    private final ObservableLongGauge pending;
    private final ObservableLongGauge inFlight;

    ConsumerGauges(Meter meter, Broker broker, Topology topology, Map<String, String> agentRoles) {
        List<Watched> watched = new ArrayList<>();
        agentRoles.forEach((agent, role) -> {
            for (ConsumerSpec spec : topology.consumersFor(agent, role).all()) {
                ConsumerRef ref = ConsumerRef.of(spec);
                watched.add(new Watched(ref, Attributes.of(Attrs.AGENT, agent, Attrs.STREAM, ref.stream(), Attrs.CONSUMER, ref.durable())));
            }
        });
        pending = meter.gaugeBuilder(PENDING).ofLongs().setUnit("{message}")
                .setDescription("Messages not yet delivered to the consumer")
                .buildWithCallback(m -> observe(broker, watched, m, ConsumerStatus::pending));
        inFlight = meter.gaugeBuilder(IN_FLIGHT).ofLongs().setUnit("{message}")
                .setDescription("Deliveries of the consumer awaiting an ack")
                .buildWithCallback(m -> observe(broker, watched, m, ConsumerStatus::ackPending));
    }

    private static void observe(Broker broker, List<Watched> watched, ObservableLongMeasurement m,
                                ToLongFunction<ConsumerStatus> count) {
        for (Watched w : watched) {
            try {
                m.record(count.applyAsLong(broker.status(w.ref())), w.attributes());
            } catch (BrokerException e) {
                log.debug("no status for {}: {}", w.ref(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        pending.close();
        inFlight.close();
    }
}
