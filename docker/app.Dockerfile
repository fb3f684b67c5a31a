# One image per application (import-api, record-validator, sync-worker, report-service, sandbox), built
# by scripts/images.sh with the module's directory as context after `mvn install`:
#   docker build -f docker/app.Dockerfile --build-arg PORT=8081 -t brighthub/import-api:1.0.0 CONTEXT
# (CONTEXT holding target/quarkus-app). Health and metrics are on the management port, PORT + 1000.
# The dependencies are a layer of their own, so a code change rebuilds only the small application layer.
FROM brighthub/jre:17
ARG PORT
ARG MANAGEMENT_PORT
COPY --chown=10001:10001 target/quarkus-app/lib/ /app/lib/
COPY --chown=10001:10001 target/quarkus-app/quarkus/ /app/quarkus/
COPY --chown=10001:10001 target/quarkus-app/*.jar /app/
COPY --chown=10001:10001 target/quarkus-app/app/ /app/app/
USER 10001
WORKDIR /app
ENV PORT=${PORT} MANAGEMENT_PORT=${MANAGEMENT_PORT} \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"
EXPOSE ${PORT} ${MANAGEMENT_PORT}
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fs -o /dev/null "http://localhost:${MANAGEMENT_PORT}/q/health/ready" || exit 1
# JAVA_OPTS from the environment (heap, GC, system properties); the port stays the contract's
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -Dquarkus.http.port=$PORT -Dquarkus.management.port=$MANAGEMENT_PORT -jar /app/quarkus-run.jar"]
