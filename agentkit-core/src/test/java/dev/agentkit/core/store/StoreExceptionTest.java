package dev.agentkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class StoreExceptionTest {
    @Test
    void ioErrorsThatNeedAChangeArePermanentOthersTransient() {
        assertThat(StoreException.of("read", new AccessDeniedException("/x")).isTransient()).isFalse();
        assertThat(StoreException.of("read", new FileSystemException("/x", null, "Read-only file system")).isTransient())
                .isFalse();
        assertThat(StoreException.of("read", new FileSystemException("/x", null, "File name too long")).isTransient())
                .isFalse();
        assertThat(StoreException.of("write", new FileSystemException("/x", null, "No space left on device")).isTransient())
                .isTrue();
        assertThat(StoreException.of("read", new IOException("Input/output error")))
                .hasMessage("read: java.io.IOException: Input/output error")
                .satisfies(e -> assertThat(e.isTransient()).isTrue());
    }
}
