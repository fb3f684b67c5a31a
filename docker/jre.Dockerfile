# The Java runtime every application image and the Kafka image start from: Debian's OpenJDK 17 JRE on the
# debootstrapped base (scripts/images.sh), with a non-root user and curl for the health checks.
FROM brighthub/base:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \
 && useradd --uid 10001 --user-group --home-dir /app --create-home --shell /usr/sbin/nologin bright
ENV LANG=C.UTF-8 JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
