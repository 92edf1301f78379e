import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
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

/**
 * Build step: builds the warehouse schema with the Liquibase changelog on a real PostgreSQL 17 (embedded,
 * throw-away) and generates the jOOQ classes from what PostgreSQL reports, so the classes always match the
 * changelog. Run by exec-maven-plugin in generate-sources.
 *
 * Arguments: resource root, changelog path below it, output directory, package name.
 */
public class JooqCodegen {
    public static void main(String[] args) throws Exception {
        Path resources = Path.of(args[0]);
        String changelog = args[1];
        String outDir = args[2];
        String packageName = args[3];
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             Connection conn = pg.getPostgresDatabase().getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(conn));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(resources)),
                    () -> new CommandScope("update")
                            .addArgumentValue("changelogFile", changelog)
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
