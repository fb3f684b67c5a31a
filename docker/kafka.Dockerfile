# Apache Kafka (KRaft, one combined broker and controller) from the Maven artifacts the local stack uses
# (scripts/kafka.sh fetch), with Log4j 2 and its SLF4J binding so the broker logs to stdout.
FROM brighthub/jre:17
COPY --chown=10001:10001 kafka-lib/ /opt/kafka/libs/
COPY kafka-run.sh /opt/kafka/run.sh
COPY broker.properties /opt/kafka/broker.properties
RUN mkdir -p /var/lib/kafka && chown 10001:10001 /var/lib/kafka
USER 10001
ENV KAFKA_HEAP=512m
VOLUME /var/lib/kafka
EXPOSE 9092 19092
HEALTHCHECK --interval=3s --timeout=5s --start-period=60s --retries=5 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/19092' || exit 1
ENTRYPOINT ["/opt/kafka/run.sh"]
