package org.tradewarehouse.rankings;

import org.jooq.DSLContext;

import static org.jooq.impl.DSL.select;
import static org.tradewarehouse.db.dw.Tables.FACT_TRADE;

/**
 * A year's fact lines streamed out of the database to the marts summed in the refresh's process, each handed over as
 * it comes: none is held. The database only scans and prints them.
 */
final class FactLines {

    /** A fact line: its flow ('E' or 'I'), département, CPF4 and partner keys, and value. */
    @FunctionalInterface
    interface Line {
        void add(char flow, int geoKey, int productKey, int partnerKey, long valueEur);
    }

    private FactLines() {
    }

    static void of(DSLContext dsl, int year, Line line) {
        long[] field = new long[4];
        CopyRows.out(dsl, select(FACT_TRADE.FLOW, FACT_TRADE.GEO_KEY, FACT_TRADE.PRODUCT_KEY, FACT_TRADE.PARTNER_KEY,
                        FACT_TRADE.VALUE_EUR).from(FACT_TRADE)
                        .where(FACT_TRADE.TIME_KEY.in(year * 10 + 1, year * 10 + 2, year * 10 + 3, year * 10 + 4)),
                row -> {
                    // the flow, then four unsigned numbers, a tab before each
                    int i = 2;
                    for (int f = 0; f < 4; f++, i++) {
                        long v = 0;
                        for (; i < row.length && row[i] >= '0' && row[i] <= '9'; i++) {
                            v = v * 10 + (row[i] - '0');
                        }
                        field[f] = v;
                    }
                    line.add((char) row[0], (int) field[0], (int) field[1], (int) field[2], field[3]);
                });
    }
}
