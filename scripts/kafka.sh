#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, combined broker and controller) from the Maven artifacts.
#   kafka.sh fetch    download the broker's jars into KAFKA_LIB_DIR (once)
#   kafka.sh start    format the storage on first start, start the broker, wait until it listens
#   kafka.sh stop     stop the broker this script started
#   kafka.sh status
# KAFKA_DIR, KAFKA_PORT and KAFKA_CONTROLLER_PORT choose the instance (the system tests start their own).
# KAFKA_SECURE=true (./bright up --secure-kafka): clients connect with SASL_SSL on KAFKA_PORT, SCRAM-SHA-512
# over TLS with a self-signed certificate made with keytool at the first such start (in KAFKA_DIR/tls);
# the controller stays PLAINTEXT on loopback. The storage is formatted with the SCRAM user in either mode,
# so the same data serves both.
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

# The local broker's SCRAM user and the key stores' password go into command lines and server.properties.
check_dev_secret() {
  [[ "$2" =~ ^[A-Za-z0-9._~+-]+$ ]] || die "$1 for the local broker: letters, digits and . _ ~ + - only"
}

# A self-signed certificate for localhost and 127.0.0.1 (no CA), and a truststore holding it: made once.
ensure_tls() {
  if [ -f "$KAFKA_TLS_DIR/broker.p12" ] && [ -f "$KAFKA_TLS_DIR/truststore.p12" ]; then return 0; fi
  command -v keytool >/dev/null || die "keytool (from the JDK) is needed for --secure-kafka"
  echo "making the local broker's TLS certificate in $KAFKA_TLS_DIR"
  rm -rf "$KAFKA_TLS_DIR"
  mkdir -p "$KAFKA_TLS_DIR"
  chmod 700 "$KAFKA_TLS_DIR"
  local log="$KAFKA_DIR/logs/keytool.log"
  {
    BRIGHT_TLS_PASS="$KAFKA_TLS_PASSWORD" keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 \
      -validity 3650 -dname "CN=localhost, OU=bright local stack" -ext "SAN=dns:localhost,ip:127.0.0.1" \
      -storetype PKCS12 -keystore "$KAFKA_TLS_DIR/broker.p12" -storepass:env BRIGHT_TLS_PASS -keypass:env BRIGHT_TLS_PASS &&
    BRIGHT_TLS_PASS="$KAFKA_TLS_PASSWORD" keytool -exportcert -rfc -alias broker -storetype PKCS12 \
      -keystore "$KAFKA_TLS_DIR/broker.p12" -storepass:env BRIGHT_TLS_PASS -file "$KAFKA_TLS_DIR/broker.crt" &&
    BRIGHT_TLS_PASS="$KAFKA_TLS_PASSWORD" keytool -importcert -noprompt -alias bright-local-kafka \
      -file "$KAFKA_TLS_DIR/broker.crt" -storetype PKCS12 -keystore "$KAFKA_TLS_DIR/truststore.p12" \
      -storepass:env BRIGHT_TLS_PASS
  } >"$log" 2>&1 || { rm -rf "$KAFKA_TLS_DIR"; die "making the TLS certificate failed: see $log"; }
}

write_config() {
  mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  local listener=PLAINTEXT
  [ "$KAFKA_SECURE" = true ] && listener=SASL_SSL
  # holds the broker's own credentials when secure: readable by this user only
  : > "$CONFIG"
  chmod 600 "$CONFIG"
  {
    cat "$ROOT/scripts/kafka/broker.properties"
    cat <<PROPS
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=$listener://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=$listener://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,$listener:$listener
inter.broker.listener.name=$listener
log.dirs=$KAFKA_DIR/data
num.partitions=${KAFKA_PARTITIONS:-6}
PROPS
  } > "$CONFIG"
  if [ "$KAFKA_SECURE" = true ]; then
    # the broker's own login (inter-broker traffic uses the same listener) and its certificate
    cat >> "$CONFIG" <<PROPS
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$KAFKA_DEV_USER" password="$KAFKA_DEV_PASSWORD";
ssl.keystore.type=PKCS12
ssl.keystore.location=$KAFKA_TLS_DIR/broker.p12
ssl.keystore.password=$KAFKA_TLS_PASSWORD
ssl.key.password=$KAFKA_TLS_PASSWORD
ssl.truststore.type=PKCS12
ssl.truststore.location=$KAFKA_TLS_DIR/truststore.p12
ssl.truststore.password=$KAFKA_TLS_PASSWORD
PROPS
  fi
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

mode() {
  if [ -f "$KAFKA_SECURE_MARK" ]; then echo "SASL_SSL, SCRAM-SHA-512"; else echo "PLAINTEXT"; fi
}

# Who the storage's SCRAM user is: its name and a digest of name and password (no password is stored here).
scram_user() {
  printf '%s %s\n' "$KAFKA_DEV_USER" "$(printf '%s:%s' "$KAFKA_DEV_USER" "$KAFKA_DEV_PASSWORD" | sha256sum | cut -c1-64)"
}

start() {
  if pid_alive "$PID_FILE"; then
    if [ "$KAFKA_SECURE" = true ] && [ ! -f "$KAFKA_SECURE_MARK" ]; then
      die "Kafka is running without --secure-kafka (pid $(cat "$PID_FILE")): ./bright down first, then ./bright up --secure-kafka"
    fi
    if [ "$KAFKA_SECURE" != true ] && [ -f "$KAFKA_SECURE_MARK" ]; then
      die "Kafka is running with --secure-kafka (pid $(cat "$PID_FILE")): ./bright down first to start it without"
    fi
    echo "Kafka already running on port $KAFKA_PORT (pid $(cat "$PID_FILE"); $(mode))"
    return 0
  fi
  if port_open 127.0.0.1 "$KAFKA_PORT"; then
    die "port $KAFKA_PORT is taken by another process: set KAFKA_PORT (and KAFKA_BOOTSTRAP_SERVERS) to a free port"
  fi
  check_dev_secret KAFKA_SASL_USERNAME "$KAFKA_DEV_USER"
  check_dev_secret KAFKA_SASL_PASSWORD "$KAFKA_DEV_PASSWORD"
  check_dev_secret KAFKA_TLS_PASSWORD "$KAFKA_TLS_PASSWORD"
  fetch
  mkdir -p "$KAFKA_DIR/logs"
  if [ "$KAFKA_SECURE" = true ]; then ensure_tls; fi
  write_config
  local scram_file="$KAFKA_DIR/data/bright-scram-user"
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    local cluster_id
    cluster_id="$(java_run kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    java_run kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG" \
      --add-scram "SCRAM-SHA-512=[name=$KAFKA_DEV_USER,password=$KAFKA_DEV_PASSWORD]" >"$KAFKA_DIR/logs/format.log" 2>&1 \
      || die "formatting Kafka storage failed: see $KAFKA_DIR/logs/format.log"
    scram_user > "$scram_file"
  elif [ "$KAFKA_SECURE" = true ] && [ ! -f "$scram_file" ]; then
    die "Kafka's data in $KAFKA_DIR/data was formatted without the SCRAM user --secure-kafka needs: ./bright reset (wipes the local topics and database), then ./bright up --secure-kafka"
  elif [ "$KAFKA_SECURE" = true ] && [ "$(cat "$scram_file")" != "$(scram_user)" ]; then
    die "Kafka's data in $KAFKA_DIR/data has its SCRAM user with other credentials than KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD now: unset them, or ./bright reset"
  fi
  if [ "$KAFKA_SECURE" = true ]; then touch "$KAFKA_SECURE_MARK"; else rm -f "$KAFKA_SECURE_MARK"; fi
  echo "starting Kafka on port $KAFKA_PORT ($(mode))"
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
  stop) stop_pid "$PID_FILE" "Kafka (port $KAFKA_PORT)"; rm -f "$KAFKA_SECURE_MARK" ;;
  status) if pid_alive "$PID_FILE"; then echo "Kafka running (pid $(cat "$PID_FILE"); $(mode))"; else echo "Kafka stopped"; exit 1; fi ;;
  *) die "usage: kafka.sh fetch|start|stop|status" ;;
esac
