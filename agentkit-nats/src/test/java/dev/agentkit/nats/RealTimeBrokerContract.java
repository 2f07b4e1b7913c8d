package dev.agentkit.nats;

import dev.agentkit.testing.broker.BrokerContract;
import java.time.Duration;

/**
 * The broker contract on real servers, where time passes for real: the suite's delays are
 * waited out, so it takes about as long as they add up to.
 */
abstract class RealTimeBrokerContract extends BrokerContract {
    @Override
    protected void elapse(Duration d) {
        RealTime.pass(d);
    }

    /** Server timers are not exact, and a replicated consumer answers a little later. */
    @Override
    protected Duration margin() {
        return Duration.ofSeconds(2);
    }
}
