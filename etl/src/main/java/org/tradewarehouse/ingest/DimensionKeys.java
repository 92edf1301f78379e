package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static org.tradewarehouse.db.dw.Tables.DIM_GEOGRAPHY;
import static org.tradewarehouse.db.dw.Tables.DIM_PARTNER_COUNTRY;
import static org.tradewarehouse.db.dw.Tables.DIM_PRODUCT;
import static org.tradewarehouse.db.staging.Tables.DIM_KEY;

/**
 * The dimension key of each code a load stages, so that its rows go straight into its fact slices: the key the
 * dimension holds for the code, else one reserved for the load from the dimension's sequence, which publishing gives
 * the code's new dimension row.
 * <p>
 * A reservation is written at once on a connection of its own (staging.dim_key), not with the chunk: the chunk's
 * COPY holds its connection, and a chunk rolled back must not take back a key its rows may get again. A resumed load
 * reads its reservations back and gives each code the same key.
 */
final class DimensionKeys {

    /** A dimension as the load sees it: its table, code and key. */
    enum Kind {
        DEPARTEMENT(DIM_GEOGRAPHY, DIM_GEOGRAPHY.DEP_CODE, DIM_GEOGRAPHY.GEO_KEY),
        CPF4(DIM_PRODUCT, DIM_PRODUCT.CPF4, DIM_PRODUCT.PRODUCT_KEY),
        PAYS(DIM_PARTNER_COUNTRY, DIM_PARTNER_COUNTRY.CODE, DIM_PARTNER_COUNTRY.PARTNER_KEY);

        final Table<?> table;
        final Field<String> code;
        final Field<Integer> key;

        Kind(Table<?> table, Field<String> code, Field<Integer> key) {
            this.table = table;
            this.code = code;
            this.key = key;
        }

        /** The next value of the key's serial sequence. */
        Field<Integer> nextKey() {
            return DSL.field("nextval(pg_get_serial_sequence({0}, {1}))", Integer.class,
                    DSL.inline(table.getSchema().getName() + "." + table.getName()), DSL.inline(key.getName()));
        }
    }

    private final DataSource dataSource;
    private final long loadId;
    private final Map<Kind, Keys> keys = new EnumMap<>(Kind.class);

    private DimensionKeys(DataSource dataSource, long loadId) {
        this.dataSource = dataSource;
        this.loadId = loadId;
        for (Kind kind : Kind.values()) {
            keys.put(kind, new Keys(kind));
        }
    }

    /** The keys of every code the dimensions hold, and the load's reservations, which take precedence. */
    static DimensionKeys of(DSLContext dsl, DataSource dataSource, long loadId) {
        DimensionKeys result = new DimensionKeys(dataSource, loadId);
        for (Kind kind : Kind.values()) {
            dsl.select(kind.code, kind.key).from(kind.table).forEach(r -> result.keys.get(kind).byCode.put(r.value1(), r.value2()));
        }
        reserved(dsl, loadId).forEach((kind, codes) -> result.keys.get(kind).byCode.putAll(codes));
        return result;
    }

    /** The keys reserved for a load, by dimension and code. */
    static Map<Kind, Map<String, Integer>> reserved(DSLContext dsl, long loadId) {
        Map<Kind, Map<String, Integer>> result = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            result.put(kind, new HashMap<>());
        }
        dsl.select(DIM_KEY.KIND, DIM_KEY.CODE, DIM_KEY.KEY).from(DIM_KEY).where(DIM_KEY.LOAD_ID.eq(loadId))
                .forEach(r -> result.get(Kind.valueOf(r.value1())).put(r.value2(), r.value3()));
        return result;
    }

    int geography(String depCode) throws SQLException {
        return keys.get(Kind.DEPARTEMENT).of(depCode);
    }

    int product(String cpf4) throws SQLException {
        return keys.get(Kind.CPF4).of(cpf4);
    }

    int partner(String country) throws SQLException {
        return keys.get(Kind.PAYS).of(country);
    }

    private int reserve(Kind kind, String code) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            // the conflict arm returns the key already reserved (not reachable while one process stages a load)
            return DSL.using(c, SQLDialect.POSTGRES).insertInto(DIM_KEY)
                    .set(DIM_KEY.LOAD_ID, loadId).set(DIM_KEY.KIND, kind.name()).set(DIM_KEY.CODE, code).set(DIM_KEY.KEY, kind.nextKey())
                    .onConflict(DIM_KEY.LOAD_ID, DIM_KEY.KIND, DIM_KEY.CODE).doUpdate().set(DIM_KEY.KEY, DIM_KEY.KEY)
                    .returningResult(DIM_KEY.KEY).fetchSingle().value1();
        }
    }

    /**
     * One dimension's keys by code. The parser gives each code as one shared string and consecutive lines mostly
     * repeat a code: the last one is compared first, as a reference.
     */
    private final class Keys {
        private final Kind kind;
        private final Map<String, Integer> byCode = new HashMap<>();
        private String last;
        private int lastKey;

        Keys(Kind kind) {
            this.kind = kind;
        }

        int of(String code) throws SQLException {
            if (code == last) {
                return lastKey;
            }
            Integer key = byCode.get(code);
            if (key == null) {
                key = reserve(kind, code);
                byCode.put(code, key);
            }
            last = code;
            lastKey = key;
            return key;
        }
    }
}
