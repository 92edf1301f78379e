package org.tradewarehouse.rankings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CopyRowsTest {

    @Test
    void aValueWithCopysSeparatorsComesBackAsItWas() {
        String label = "Produits\tchimiques\\n\nde base\r";
        String escaped = CopyRows.escape(label);

        assertThat(escaped).doesNotContain("\t", "\n", "\r").isEqualTo("Produits\\tchimiques\\\\n\\nde base\\r");
        assertThat(CopyRows.unescape(escaped)).isEqualTo(label);
        assertThat(CopyRows.escape("dep:87")).isSameAs("dep:87");
    }
}
