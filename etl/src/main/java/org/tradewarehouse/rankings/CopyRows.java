package org.tradewarehouse.rankings;

import org.jooq.DSLContext;
import org.jooq.Select;
import org.jooq.Table;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rows to and from the database by COPY, as text, for the marts summed in the refresh's process: they read and write
 * tens of thousands of rows, which jOOQ's records and bound arrays made cost 0.3 to 0.8 s each in a new process.
 */
final class CopyRows {

    private CopyRows() {
    }

    /** A COPY's text row, as received: its bytes, without the line end. */
    @FunctionalInterface
    interface Row {
        void add(byte[] row);
    }

    /** The rows of {@code select}, as the text of each column (null for NULL); for a few thousand rows. */
    static List<String[]> out(DSLContext dsl, Select<?> select) {
        List<String[]> rows = new ArrayList<>();
        out(dsl, select, row -> {
            String[] fields = new String(row, StandardCharsets.UTF_8).stripTrailing().split("\t", -1);
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fields[i].equals("\\N") ? null : unescape(fields[i]);
            }
            rows.add(fields);
        });
        return rows;
    }

    /** Each row of {@code select} as it comes: none is held. */
    static void out(DSLContext dsl, Select<?> select, Row each) {
        String copy = "copy (" + dsl.renderInlined(select) + ") to stdout";
        dsl.connection(c -> {
            CopyOut out = copyApi(c).copyOut(copy);
            try {
                for (byte[] row = out.readFromCopy(); row != null; row = out.readFromCopy()) {
                    each.add(row);
                }
            } finally {
                if (out.isActive()) { // failed midway: the connection must leave the COPY for the rollback
                    out.cancelCopy();
                }
            }
        });
    }

    /** Rows into a mart's table, each its values in the table's column order. */
    static void in(DSLContext dsl, Table<?> mart, List<Object[]> rows) {
        StringBuilder text = new StringBuilder();
        for (Object[] row : rows) {
            if (row.length != mart.fields().length) {
                throw new IllegalArgumentException(mart.getName() + " has " + mart.fields().length + " columns, not " + row.length);
            }
            for (int column = 0; column < row.length; column++) {
                text.append(column == 0 ? "" : "\t").append(row[column] == null ? "\\N" : escape(row[column].toString()));
            }
            text.append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        String copy = "copy " + dsl.render(mart) + " ("
                + Stream.of(mart.fields()).map(f -> dsl.render(f.getUnqualifiedName())).collect(Collectors.joining(", "))
                + ") from stdin";
        dsl.connection(c -> {
            CopyIn in = copyApi(c).copyIn(copy);
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        });
    }

    private static CopyManager copyApi(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }

    /** COPY's text format: a backslash, tab, line feed or carriage return within a value is escaped. */
    static String escape(String value) {
        if (value.chars().noneMatch(ch -> ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r')) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder s = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                s.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                s.append(ch);
            }
        }
        return s.toString();
    }
}
