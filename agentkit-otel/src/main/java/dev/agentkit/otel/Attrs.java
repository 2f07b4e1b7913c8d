package dev.agentkit.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;

/**
 * The attribute keys agentkit's spans and metrics use: the OpenTelemetry messaging and GenAI
 * semantic conventions where they apply, {@code agentkit.*} for the rest.
 */
final class Attrs {
    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> AGENT = AttributeKey.stringKey("agentkit.agent");
    static final AttributeKey<String> TURN = AttributeKey.stringKey("agentkit.turn.id");
    static final AttributeKey<String> REQUIREMENT = AttributeKey.stringKey("agentkit.requirement");
    static final AttributeKey<String> STREAM = AttributeKey.stringKey("agentkit.stream");
    static final AttributeKey<Boolean> DUPLICATE = AttributeKey.booleanKey("agentkit.duplicate");
    static final AttributeKey<Long> DELIVERY_COUNT = AttributeKey.longKey("agentkit.delivery_count");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("agentkit.outcome");
    static final AttributeKey<String> DETAIL = AttributeKey.stringKey("agentkit.detail");
    static final AttributeKey<String> STOP_REASON = AttributeKey.stringKey("agentkit.stop_reason");
    static final AttributeKey<Long> TOKENS_IN = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> TOKENS_OUT = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Double> COST = AttributeKey.doubleKey("agentkit.usage.cost");
    static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    static final AttributeKey<String> GEN_AI_SYSTEM = AttributeKey.stringKey("gen_ai.system");
    static final AttributeKey<String> GEN_AI_OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> GEN_AI_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("messaging.consumer.group.name");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private Attrs() {
    }

    static void messaging(SpanBuilder b, String subject, String type, String name) {
        b.setAttribute(MESSAGING_SYSTEM, "nats").setAttribute(DESTINATION, subject).setAttribute(OPERATION_TYPE, type)
                .setAttribute(OPERATION_NAME, name);
    }
}
