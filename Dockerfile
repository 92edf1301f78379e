# The ETL image: builds the jar (tests skipped: CI runs them), then runs it on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/etl/target/trade-etl.jar /app/trade-etl.jar
VOLUME /var/lib/trade-warehouse
ENTRYPOINT ["java", "-jar", "/app/trade-etl.jar"]
