#!/bin/bash
# Two client listeners: INTERNAL (kafka:19092) for the other containers, EXTERNAL (port 9092) advertised
# as KAFKA_EXTERNAL_HOST:KAFKA_EXTERNAL_PORT for clients on the host (./bright dlq, the tests).
# Topics are never auto-created: the services create the declared ones (TopicProvisioner).
set -euo pipefail
data=/var/lib/kafka/data
conf=/var/lib/kafka/server.properties
internal_host="${KAFKA_INTERNAL_HOST:-$(hostname)}"
{
  cat /opt/kafka/broker.properties
  cat <<PROPS
controller.quorum.voters=1@127.0.0.1:19093
listeners=INTERNAL://0.0.0.0:19092,EXTERNAL://0.0.0.0:9092,CONTROLLER://127.0.0.1:19093
advertised.listeners=INTERNAL://${internal_host}:19092,EXTERNAL://${KAFKA_EXTERNAL_HOST:-localhost}:${KAFKA_EXTERNAL_PORT:-9092}
listener.security.protocol.map=CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT
inter.broker.listener.name=INTERNAL
log.dirs=$data
PROPS
} > "$conf"
cat > /var/lib/kafka/log4j2.properties <<PROPS
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.kafka.name = kafka
logger.kafka.level = WARN
logger.org.name = org.apache.kafka
logger.org.level = WARN
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = INFO
PROPS
run() { java -cp '/opt/kafka/libs/*' -Dlog4j2.configurationFile=/var/lib/kafka/log4j2.properties "$@"; }
if [ ! -f "$data/meta.properties" ]; then
  run kafka.tools.StorageTool format -t "${KAFKA_CLUSTER_ID:-$(run kafka.tools.StorageTool random-uuid | tail -n 1)}" -c "$conf"
fi
# shellcheck disable=SC2086
exec java -Xms128m -Xmx"$KAFKA_HEAP" -XX:+UseG1GC ${KAFKA_JAVA_OPTS:-} -cp '/opt/kafka/libs/*' \
  -Dlog4j2.configurationFile=/var/lib/kafka/log4j2.properties kafka.Kafka "$conf"
