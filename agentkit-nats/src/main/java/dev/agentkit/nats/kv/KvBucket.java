package dev.agentkit.nats.kv;

import dev.agentkit.nats.internal.NatsFailures;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueStatus;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a KV bucket, creating it with the given configuration when it does not exist yet; an
 * existing bucket is used as it is. Shared by the KV stores, leases and locks.
 *
 * @param kv     the bucket
 * @param config its configuration on the server
 */
record KvBucket(KeyValue kv, KeyValueConfiguration config) {
    private static final Logger log = LoggerFactory.getLogger(KvBucket.class);

    static KvBucket open(Connection nc, KeyValueConfiguration wanted) {
        String name = wanted.getBucketName();
        try {
            KeyValueManagement kvm = nc.keyValueManagement();
            KeyValueStatus status;
            try {
                status = kvm.getStatus(name);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != NatsFailures.STREAM_NOT_FOUND) {
                    throw e;
                }
                status = kvm.create(wanted);
                log.info("created KV bucket {}", name);
            }
            return new KvBucket(nc.keyValue(name), status.getConfiguration());
        } catch (IOException | JetStreamApiException e) {
            throw NatsFailures.wrap("open KV bucket " + name, e);
        }
    }

    String name() {
        return config.getBucketName();
    }
}
