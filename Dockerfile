# The ETL image: builds the jar (tests skipped: CI runs them), then runs it on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/etl/target/trade-etl.jar /tmp/trade-etl.jar
# A faster start (about half the time of a command): the jar extracted (its libraries as plain jars beside it) and a
# class data sharing archive of the classes a command loads, made with this image's java by a training run (`status`
# on a throwaway embedded PostgreSQL). Without the archive (training failed) java starts as before.
RUN java -Djarmode=tools -jar /tmp/trade-etl.jar extract --destination /app \
    && { TRADE_DATA_DIR=/tmp/training/pgdata java -XX:ArchiveClassesAtExit=/app/trade-etl.jsa -Xlog:cds=off \
         -Xlog:cds+dynamic=off -jar /app/trade-etl.jar status || rm -f /app/trade-etl.jsa; } \
    && rm -rf /tmp/trade-etl.jar /tmp/training /tmp/embedded-pg
VOLUME /var/lib/trade-warehouse
# The JVM's warnings on stderr with the logs (stdout holds only a command's result), those of class data sharing left out.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/trade-etl.jsa", "-Xlog:disable", "-Xlog:all=warning:stderr:uptime,level,tags", \
            "-Xlog:cds=off:stderr", "-Xlog:cds+dynamic=off:stderr", "-jar", "/app/trade-etl.jar"]
