#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, combined broker and controller) from the Maven artifacts.
#   kafka.sh fetch    download the broker's jars into KAFKA_LIB_DIR (once)
#   kafka.sh start    format the storage on first start, start the broker, wait until it listens
#   kafka.sh stop     stop the broker this script started
#   kafka.sh status
# KAFKA_DIR, KAFKA_PORT and KAFKA_CONTROLLER_PORT choose the instance (the system tests start their own).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PID_FILE="$KAFKA_DIR/broker.pid"
CONFIG="$KAFKA_DIR/server.properties"

fetch() {
  if [ -f "$KAFKA_LIB_DIR/.complete" ]; then return 0; fi
  echo "fetching the Kafka broker from Maven Central into $KAFKA_LIB_DIR"
  rm -rf "$KAFKA_LIB_DIR"
  # shellcheck disable=SC2086
  "$MVN" $MVN_FLAGS -f "$ROOT/scripts/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIB_DIR" >/dev/null
  touch "$KAFKA_LIB_DIR/.complete"
}

write_config() {
  mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  cat > "$CONFIG" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=${KAFKA_PARTITIONS:-6}
# topics are declared and created by the services (TopicProvisioner), never with broker defaults
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
PROPS
  cat > "$KAFKA_DIR/log4j2.properties" <<PROPS
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $KAFKA_DIR/logs/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.kafka.name = kafka
logger.kafka.level = WARN
logger.org.name = org.apache.kafka
logger.org.level = WARN
PROPS
}

java_run() {
  java -cp "$KAFKA_LIB_DIR/*" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" "$@"
}

start() {
  if pid_alive "$PID_FILE"; then
    echo "Kafka already running on port $KAFKA_PORT (pid $(cat "$PID_FILE"))"
    return 0
  fi
  if port_open 127.0.0.1 "$KAFKA_PORT"; then
    die "port $KAFKA_PORT is taken by another process: set KAFKA_PORT (and KAFKA_BOOTSTRAP_SERVERS) to a free port"
  fi
  fetch
  write_config
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    local cluster_id
    cluster_id="$(java_run kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    java_run kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG" >"$KAFKA_DIR/logs/format.log" 2>&1 \
      || die "formatting Kafka storage failed: see $KAFKA_DIR/logs/format.log"
  fi
  echo "starting Kafka on port $KAFKA_PORT"
  nohup java -Xms256m -Xmx${KAFKA_HEAP:-1g} -XX:+UseG1GC -cp "$KAFKA_LIB_DIR/*" \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" \
    kafka.Kafka "$CONFIG" >"$KAFKA_DIR/logs/stdout.log" 2>&1 &
  echo $! > "$PID_FILE"
  if ! wait_port 127.0.0.1 "$KAFKA_PORT" 90; then
    tail -n 30 "$KAFKA_DIR/logs/stdout.log" "$KAFKA_DIR/logs/server.log" >&2 || true
    die "Kafka did not start on port $KAFKA_PORT"
  fi
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop_pid "$PID_FILE" "Kafka (port $KAFKA_PORT)" ;;
  status) if pid_alive "$PID_FILE"; then echo "Kafka running (pid $(cat "$PID_FILE"))"; else echo "Kafka stopped"; exit 1; fi ;;
  *) die "usage: kafka.sh fetch|start|stop|status" ;;
esac
