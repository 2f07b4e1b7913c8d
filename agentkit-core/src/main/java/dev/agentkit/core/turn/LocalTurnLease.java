package dev.agentkit.core.turn;

import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TurnLease} within one process, timed by an {@link AgentClock}: the default for
 * single-process teams and tests. Use the NATS KV lease when agents run in several processes.
 * A held lease is renewed, and released, only while it is still its holder's (by a token).
 */
public final class LocalTurnLease implements TurnLease {
    private record Entry(long token, Instant expires) {
    }

    private final AgentClock clock;
    private final Map<String, Entry> leases = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();

    public LocalTurnLease(AgentClock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Held> tryAcquire(String agent, Duration ttl) {
        long token = tokens.incrementAndGet();
        Instant now = clock.now();
        Entry mine = new Entry(token, now.plus(ttl));
        Entry result = leases.compute(agent, (k, old) -> old == null || !old.expires.isAfter(now) ? mine : old);
        if (result != mine) {
            return Optional.empty();
        }
        return Optional.of(new Held() {
            @Override
            public boolean renew(Duration again) {
                Instant at = clock.now();
                Entry now = leases.computeIfPresent(agent, (k, e) -> e.token == token ? new Entry(token, at.plus(again)) : e);
                return now != null && now.token == token;
            }

            @Override
            public void close() {
                leases.computeIfPresent(agent, (k, e) -> e.token == token ? null : e);
            }
        });
    }
}
