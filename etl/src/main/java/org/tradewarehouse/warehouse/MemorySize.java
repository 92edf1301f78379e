package org.tradewarehouse.warehouse;

/** A memory setting given to PostgreSQL as it is (shared_buffers, work_mem): refused here, by name, when malformed. */
public final class MemorySize {

    private MemorySize() {
    }

    /** value, if it is a PostgreSQL memory size such as 64MB; setting names the setting in the error. */
    public static String require(String setting, String value) {
        if (!value.matches("[0-9]{1,7}(kB|MB|GB)")) {
            throw new IllegalArgumentException(setting + " must be a PostgreSQL memory size such as 64MB, not '" + value + "'");
        }
        return value;
    }
}
