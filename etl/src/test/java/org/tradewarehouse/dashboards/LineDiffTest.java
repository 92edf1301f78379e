package org.tradewarehouse.dashboards;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan's SQL diffs read as `diff -U2` writes them (the expected hunks are GNU diff's output for the same texts). */
class LineDiffTest {

    @Test
    void changesFarApartMakeTwoHunksWithTwoLinesOfContext() {
        assertThat(LineDiff.unified("a\nb\nc\nd\ne\nf\ng\nh\ni\nj", "a\nB\nc\nd\ne\nf\ng\nh\nj\nk", "Metabase", "files"))
                .containsExactly("--- Metabase", "+++ files",
                        "@@ -1,4 +1,4 @@", " a", "-b", "+B", " c", " d",
                        "@@ -7,4 +7,4 @@", " g", " h", "-i", " j", "+k");
    }

    @Test
    void changesCloseTogetherShareOneHunk() {
        assertThat(LineDiff.unified("a\nb\nc\nd\ne\nf\ng", "a\nB\nc\nd\ne\nf\nG", "Metabase", "files"))
                .containsExactly("--- Metabase", "+++ files", "@@ -1,7 +1,7 @@", " a", "-b", "+B", " c", " d", " e", " f", "-g", "+G");
    }

    @Test
    void aLineAddedAtTheEnd() {
        assertThat(LineDiff.unified("x\ny", "x\ny\nz", "Metabase", "files"))
                .containsExactly("--- Metabase", "+++ files", "@@ -1,2 +1,3 @@", " x", " y", "+z");
    }
}
