package org.tradewarehouse.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The page's style sheet and scripts (ECharts from its WebJar, the chart script): linked from the live pages,
 * inlined in the exported files so that they open offline from disk.
 */
@Component
public class PageAssets {

    /** Linked: addresses served by the application. Inline: the files' contents in the page. */
    public record Assets(boolean inline, String css, String echarts, String script) {
    }

    private static final String CSS = "static/fiche/fiche.css";
    private static final String SCRIPT = "static/fiche/fiche.js";

    private final String echartsPath;
    private volatile Assets inline;

    public PageAssets() {
        echartsPath = "META-INF/resources/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js";
    }

    public Assets linked() {
        return new Assets(false, "/fiche/fiche.css", "/" + echartsPath.substring("META-INF/resources/".length()),
                "/fiche/fiche.js");
    }

    public Assets inline() {
        if (inline == null) {
            inline = new Assets(true, read(CSS), read(echartsPath), read(SCRIPT));
        }
        return inline;
    }

    private static String echartsVersion() {
        Properties pom = new Properties();
        try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars.npm/echarts/pom.properties").getInputStream()) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the ECharts WebJar is missing from the application", e);
        }
        return pom.getProperty("version");
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.contains("</script") || text.contains("</style")) {
                throw new IllegalStateException(path + " cannot be inlined: it closes its own element");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from the application", e);
        }
    }
}
