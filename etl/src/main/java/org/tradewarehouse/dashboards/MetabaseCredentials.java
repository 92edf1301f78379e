package org.tradewarehouse.dashboards;

import java.util.Map;

/**
 * How the push logs in to Metabase, from the environment only (never from arguments, which land in shell history):
 * METABASE_API_KEY, or METABASE_USER and METABASE_PASSWORD.
 */
public record MetabaseCredentials(String apiKey, String user, String password) {

    public static MetabaseCredentials fromEnvironment(Map<String, String> env) {
        String key = blankToNull(env.get("METABASE_API_KEY"));
        String user = blankToNull(env.get("METABASE_USER"));
        String password = blankToNull(env.get("METABASE_PASSWORD"));
        if (key == null && (user == null || password == null)) {
            throw new IllegalArgumentException("no Metabase credentials: set METABASE_API_KEY, or METABASE_USER and"
                    + " METABASE_PASSWORD, in the environment");
        }
        return new MetabaseCredentials(key, key == null ? user : null, key == null ? password : null);
    }

    String hint() {
        return apiKey != null ? "check METABASE_API_KEY (an API key of a member of the Administrators group)"
                : "check METABASE_USER and METABASE_PASSWORD (an administrator of Metabase)";
    }

    @Override
    public String toString() {
        return apiKey != null ? "API key" : "user " + user;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
