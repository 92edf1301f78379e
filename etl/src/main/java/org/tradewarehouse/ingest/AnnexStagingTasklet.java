package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tradewarehouse.nomenclature.AnnexFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.tradewarehouse.db.staging.Tables.ANNEX_LABEL;

/**
 * Stages the label annexes shipped in the publication's ZIPs (CPF4, A129, countries, départements). They reach
 * the warehouse only when the load is published; a ZIP without annexes keeps the labels of earlier loads.
 */
class AnnexStagingTasklet implements Tasklet {

    private final DSLContext dsl;
    private final Publication publication;
    private final long loadId;

    AnnexStagingTasklet(DSLContext dsl, Publication publication, long loadId) {
        this.dsl = dsl;
        this.publication = publication;
        this.loadId = loadId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        dsl.deleteFrom(ANNEX_LABEL).where(ANNEX_LABEL.LOAD_ID.eq(loadId)).execute();
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
        if (!rows.isEmpty()) {
            var insert = dsl.batch(dsl.insertInto(ANNEX_LABEL, ANNEX_LABEL.LOAD_ID, ANNEX_LABEL.KIND, ANNEX_LABEL.CODE,
                    ANNEX_LABEL.LABEL, ANNEX_LABEL.VALID_FROM, ANNEX_LABEL.VALID_TO, ANNEX_LABEL.REGION_CODE, ANNEX_LABEL.REGION_NAME)
                    .values((Long) null, null, null, null, null, null, null, null));
            rows.forEach(insert::bind);
            insert.execute();
        }
        contribution.incrementWriteCount(rows.size());
        return RepeatStatus.FINISHED;
    }
}
