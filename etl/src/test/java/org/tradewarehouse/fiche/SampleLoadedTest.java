package org.tradewarehouse.fiche;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.ingest.LoadService;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;

/** Tests of what is read from the warehouse once the sample publication (2023 and 2024) is loaded into it. */
@SpringBootTest
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SampleLoadedTest {

    @TempDir
    protected static Path dir;
    /** The sample's lines, to compute expected figures without the warehouse. */
    protected RawRows raw;

    @Autowired
    protected LoadService loads;
    @Autowired
    protected FicheService fiches;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected JsonMapper json;

    @BeforeAll
    protected void loadTheSample() throws Exception {
        raw = TestWarehouse.loadSample(dir.resolve("sample"), loads, jdbc);
    }
}
