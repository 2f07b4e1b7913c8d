package dev.agentkit.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.agentkit.core.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LocalFileLockTest {
    private static final Duration MAX_AGE = Duration.ofMinutes(10);

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock();
    LocalFileLock locks;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void setUp() {
        locks = new LocalFileLock(dir, MAX_AGE, clock);
        logged.start();
        ((Logger) LoggerFactory.getLogger(LocalFileLock.class)).addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(LocalFileLock.class)).detachAppender(logged);
    }

    @Test
    void aFreeLockIsTakenAndAHeldOneIsNot() {
        Optional<FileLock.Held> roy = locks.tryAcquire("src/api/schema.sql", "roy");

        assertThat(roy).hasValueSatisfying(h -> {
            assertThat(h.name()).isEqualTo("src/api/schema.sql");
            assertThat(h.owner()).isEqualTo("roy");
        });
        assertThat(locks.tryAcquire("src/api/schema.sql", "jen")).isEmpty();
        assertThat(locks.tryAcquire("src/api/other.sql", "jen")).isPresent();
    }

    @Test
    void releasingLetsTheNextOwnerTakeIt() {
        try (FileLock.Held held = locks.tryAcquire("schema", "roy").orElseThrow()) {
            assertThat(locks.tryAcquire("schema", "jen")).isEmpty();
        }

        assertThat(locks.tryAcquire("schema", "jen")).isPresent();
    }

    @Test
    void theLockFileRecordsOwnerProcessHostAndTime() throws Exception {
        locks.tryAcquire("src/api/schema.sql", "roy").orElseThrow();

        String content = Files.readString(locks.lockFile("src/api/schema.sql"));

        assertThat(content).contains("owner=roy\n", "pid=" + ProcessHandle.current().pid() + "\n",
                "acquired=2025-01-01T09:00:00Z\n").containsPattern("token=[0-9a-f-]{36}\n").containsPattern("host=.+\n");
        assertThat(locks.lockFile("src/api/schema.sql").getFileName().toString())
                .startsWith("src_api_schema.sql-").endsWith(".lock");
    }

    @Test
    void aLockWithinItsMaximumAgeIsNotBroken() {
        locks.tryAcquire("schema", "roy").orElseThrow();
        clock.advance(MAX_AGE);

        assertThat(locks.tryAcquire("schema", "jen")).isEmpty();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void aStaleLockIsBrokenWithALogLineAndTaken() throws Exception {
        locks.tryAcquire("schema", "roy").orElseThrow();
        clock.advance(MAX_AGE.plusSeconds(1));

        Optional<FileLock.Held> jen = locks.tryAcquire("schema", "jen");

        assertThat(jen).isPresent();
        assertThat(Files.readString(locks.lockFile("schema"))).contains("owner=jen");
        assertThat(logged.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .startsWith("breaking stale lock schema for jen: held by roy (pid ").contains("PT10M1S old"));
    }

    @Test
    void releasingABrokenLockLeavesTheNewOwnersLockInPlace() throws Exception {
        FileLock.Held roy = locks.tryAcquire("schema", "roy").orElseThrow();
        clock.advance(MAX_AGE.plusMinutes(1));
        FileLock.Held jen = locks.tryAcquire("schema", "jen").orElseThrow();

        roy.close();

        assertThat(Files.readString(locks.lockFile("schema"))).contains("owner=jen");
        assertThat(locks.tryAcquire("schema", "moss")).isEmpty();
        jen.close();
        assertThat(locks.tryAcquire("schema", "moss")).isPresent();
    }

    @Test
    void closingTwiceReleasesOnce() {
        FileLock.Held roy = locks.tryAcquire("schema", "roy").orElseThrow();
        roy.close();
        FileLock.Held jen = locks.tryAcquire("schema", "jen").orElseThrow();

        roy.close();

        assertThat(locks.tryAcquire("schema", "moss")).isEmpty();
        jen.close();
    }

    @Test
    void aLockFileStillBeingWrittenCountsAsHeldUntilItsFileIsOld() throws Exception {
        Path lock = locks.lockFile("schema");
        Files.createFile(lock);
        Files.setLastModifiedTime(lock, FileTime.from(clock.now()));

        assertThat(locks.tryAcquire("schema", "jen")).isEmpty();

        clock.advance(MAX_AGE.plusSeconds(1));
        assertThat(locks.tryAcquire("schema", "jen")).isPresent();
        assertThat(logged.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("a holder whose lock file is not yet written"));
    }

    @Test
    void breakingAndReleasingLeaveNoMarkerFilesBehind() throws Exception {
        locks.tryAcquire("schema", "roy").orElseThrow();
        clock.advance(MAX_AGE.plusSeconds(1));
        locks.tryAcquire("schema", "jen").orElseThrow().close();

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anyNameMakesASafeDistinctFileName() {
        Path a = locks.lockFile("../../etc/passwd");
        Path b = locks.lockFile("../../etc_passwd");

        assertThat(a.getParent()).isEqualTo(dir);
        assertThat(a).isNotEqualTo(b);
        assertThat(locks.lockFile("x".repeat(1000)).getFileName().toString()).hasSizeLessThan(120);
    }
}
