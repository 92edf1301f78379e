package org.tradewarehouse.warehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@ActiveProfiles("test")
class EmbeddedWarehouseTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void runsWithTheConfiguredBufferPool() {
        assertThat(jdbc.queryForObject("show shared_buffers", String.class)).isEqualTo("64MB");
    }

    @Test
    void refusesABufferPoolThatIsNotAMemorySize(@TempDir Path dir) {
        assertThatThrownBy(() -> new EmbeddedWarehouse().embeddedPostgres(dir.resolve("pgdata"), 0, "lots", "status",
                Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRADE_DB_SHARED_BUFFERS")
                .hasMessageContaining("'lots'");
        assertThat(Files.exists(dir.resolve("pgdata"))).isFalse();
    }
}
