package org.tradewarehouse.fiche;

import java.util.Locale;

/** Product levels of the rankings: A129 (the fiche's), A38 (coarser), CPF4 (finest). */
public enum ProductLevel {
    A129, A38, CPF4;

    public static ProductLevel parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown product level '" + text + "': use a129, a38 or cpf4");
        }
    }
}
