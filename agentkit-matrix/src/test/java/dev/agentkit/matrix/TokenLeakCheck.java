package dev.agentkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of a test class at DEBUG and every exception its tests throw, and
 * fails the class if any of them contains an access token or password: one the tests registered
 * ({@link #watch}) or anything shaped like a Synapse token ({@code syt_..._..._...}). Once a
 * secret is watched it also checks that it did see the client's DEBUG lines, so a broken capture
 * cannot pass for a clean run.
 */
final class TokenLeakCheck implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {
    private static final Pattern SYNAPSE_TOKEN = Pattern.compile("syt_[A-Za-z0-9]+_[A-Za-z0-9]+_[A-Za-z0-9]+");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final List<String> thrown = new ArrayList<>();

    /** Adds a secret that must appear nowhere. */
    void watch(String secret) {
        secrets.add(secret);
    }

    /** Whether some captured log line so far contains {@code fragment}. */
    boolean logged(String fragment) {
        synchronized (appender.list) {
            return appender.list.stream().anyMatch(e -> e.getFormattedMessage().contains(fragment));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        synchronized (thrown) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                thrown.add(String.valueOf(c));
            }
        }
        throw t;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        appender.stop();
        List<String> texts = new ArrayList<>();
        for (ILoggingEvent e : appender.list) {
            texts.add(e.getFormattedMessage());
            for (IThrowableProxy p = e.getThrowableProxy(); p != null; p = p.getCause()) {
                texts.add(p.getClassName() + ": " + p.getMessage());
            }
        }
        synchronized (thrown) {
            texts.addAll(thrown);
        }
        if (!secrets.isEmpty()) {
            assertThat(appender.list).as("the check saw the Matrix client's DEBUG lines")
                    .anyMatch(e -> e.getLoggerName().startsWith("dev.agentkit.matrix") && e.getLevel() == Level.DEBUG);
        }
        for (String text : texts) {
            assertThat(SYNAPSE_TOKEN.matcher(String.valueOf(text)).find()).as("token-shaped text in: %s", text).isFalse();
            for (String s : secrets) {
                assertThat(String.valueOf(text)).as("a log line or exception message").doesNotContain(s);
            }
        }
    }
}
