# Herald, production image. Build: docker build -t herald .   Run: see docker-compose.yml for the settings it needs.

# --- build: the Maven wrapper on a JDK 17 ---
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN chmod +x mvnw
COPY src/ src/
COPY routes/ routes/
COPY mappings/ mappings/
# the cache mount keeps ~/.m2 between builds (BuildKit, the default builder of current Docker)
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package

# --- run: the jar on a JRE 17, as a user without privileges ---
FROM eclipse-temurin:17-jre
RUN groupadd --system herald \
    && useradd --system --gid herald --home-dir /app --no-create-home --shell /usr/sbin/nologin herald \
    && mkdir -p /app/data \
    && chown -R herald:herald /app
WORKDIR /app
COPY --from=build --chown=herald:herald /build/target/herald.jar /app/herald.jar
USER herald
ENV SPRING_PROFILES_ACTIVE=prod \
    SERVER_PORT=8080 \
    SERVER_ADDRESS=0.0.0.0 \
    HERALD_DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# bash's /dev/tcp, so the check needs neither curl nor wget in the image; healthy means HTTP 200 from the aggregate
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT} && printf "GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["java", "-jar", "/app/herald.jar"]
