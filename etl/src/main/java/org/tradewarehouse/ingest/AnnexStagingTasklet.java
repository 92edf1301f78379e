package org.tradewarehouse.ingest;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tradewarehouse.nomenclature.AnnexFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Stages the label annexes shipped in the publication's ZIPs (CPF4, A129, countries, départements). They reach
 * the warehouse only when the load is published; a ZIP without annexes keeps the labels of earlier loads.
 */
class AnnexStagingTasklet implements Tasklet {

    private final JdbcTemplate jdbc;
    private final Publication publication;
    private final long loadId;

    AnnexStagingTasklet(JdbcTemplate jdbc, Publication publication, long loadId) {
        this.jdbc = jdbc;
        this.publication = publication;
        this.loadId = loadId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        jdbc.update("delete from staging.annex_label where load_id = ?", loadId);
        List<Object[]> rows = new ArrayList<>();
        for (Publication.AnnexEntry annex : publication.annexEntries()) {
            String name = annex.entry().displayName();
            try (InputStream in = annex.entry().open()) {
                if (annex.kind() == AnnexFile.Kind.DEPARTEMENT_REGION) {
                    for (var d : AnnexFile.readDepartements(in, name)) {
                        rows.add(new Object[]{loadId, "DEPARTEMENT", d.code(), d.name(), 0, 999912, d.regionCode(), d.regionName()});
                    }
                } else {
                    for (var l : AnnexFile.readLabels(in, name)) {
                        rows.add(new Object[]{loadId, annex.kind().name(), l.code(), l.label(), l.validFrom(), l.validTo(), null, null});
                    }
                }
            }
        }
        jdbc.batchUpdate("insert into staging.annex_label (load_id, kind, code, label, valid_from, valid_to, region_code,"
                + " region_name) values (?, ?, ?, ?, ?, ?, ?, ?)", rows);
        contribution.incrementWriteCount(rows.size());
        return RepeatStatus.FINISHED;
    }
}
