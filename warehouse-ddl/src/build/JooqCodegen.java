import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.ConsoleUIService;
import liquibase.ui.LoggerUIService;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Build step: builds the warehouse schema with the Liquibase changelog on a real PostgreSQL 17 (embedded,
 * throw-away) and generates the jOOQ classes from what PostgreSQL reports, so the classes always match the
 * changelog. Run by exec-maven-plugin in generate-sources.
 *
 * Arguments: resource root, changelog path below it, output directory, package name, and
 * {@code maven-logging-level=N}, Maven's own (MavenExecutionRequest: 0 debug, 1 info, 2 warn, 3 error). It prints only
 * warnings and errors, unless Maven runs with -X: then also what Liquibase, jOOQ and the embedded PostgreSQL report as
 * they go.
 */
public class JooqCodegen {
    public static void main(String[] args) throws Exception {
        boolean verbose = args.length > 4 && args[4].equals("maven-logging-level=0");
        // the embedded PostgreSQL and jOOQ log through SLF4J (slf4j-simple, on stderr), Liquibase through java.util.logging
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        Level level = verbose ? Level.FINE : Level.WARNING;
        Logger.getLogger("").setLevel(level);
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.setLevel(level);
        }
        Path resources = Path.of(args[0]);
        String changelog = args[1];
        String outDir = args[2];
        String packageName = args[3];
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             Connection conn = pg.getPostgresDatabase().getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(conn));
            // Liquibase's own console output ("Running Changeset", the update summary) as log records, unless verbose
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(resources),
                            Scope.Attr.ui.name(), verbose ? new ConsoleUIService() : new LoggerUIService()),
                    () -> new CommandScope("update")
                            .addArgumentValue("changelogFile", changelog)
                            .addArgumentValue("showSummaryOutput", verbose ? UpdateSummaryOutputEnum.ALL : UpdateSummaryOutputEnum.LOG)
                            .addArgumentValue("database", database)
                            .execute());
            GenerationTool.generate(new Configuration()
                    .withJdbc(new Jdbc()
                            .withUrl(pg.getJdbcUrl("postgres", "postgres"))
                            .withUser("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new org.jooq.meta.jaxb.Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withSchemata(
                                            new SchemaMappingType().withInputSchema("dw"),
                                            new SchemaMappingType().withInputSchema("staging"),
                                            new SchemaMappingType().withInputSchema("mart"))
                                    // the partitions per flow and per quarter of the facts and of their sums
                                    .withExcludes("dw\\.fact_trade_.*|dw\\.slice_sum_.*"))
                            .withGenerate(new Generate().withGeneratedAnnotation(false))
                            .withTarget(new Target()
                                    .withPackageName(packageName)
                                    .withDirectory(outDir)
                                    .withClean(true))));
        }
    }
}
