#!/usr/bin/env bash
# One-shot: creates OneCall's topics on the compose broker (the kafka-init service runs it in
# the apache/kafka image). Safe to run again: existing topics are kept, and the compacted ones
# get cleanup.policy=compact re-applied in case something created them with the defaults.
#
# Environment (set in docker/compose.yml):
#   BOOTSTRAP_SERVERS   kafka:9092
#   TOPICS              space-separated, normal retention
#   COMPACTED_TOPICS    space-separated, cleanup.policy=compact (latest state per key)
#   PARTITIONS          partitions per topic (the unit of parallelism: communities are keys)
#   REPLICATION_FACTOR  1 on the single-node broker
set -euo pipefail

bin="${KAFKA_BIN:-/opt/kafka/bin}"   # where the image keeps Kafka's command-line tools
: "${BOOTSTRAP_SERVERS:?}" "${TOPICS:?}" "${COMPACTED_TOPICS:?}" "${PARTITIONS:?}" "${REPLICATION_FACTOR:?}"

create() {
  local topic="$1"; shift
  "$bin/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists \
    --topic "$topic" --partitions "$PARTITIONS" --replication-factor "$REPLICATION_FACTOR" "$@"
}

for topic in $TOPICS; do
  create "$topic"
done
for topic in $COMPACTED_TOPICS; do
  create "$topic" --config cleanup.policy=compact
  "$bin/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --alter \
    --entity-type topics --entity-name "$topic" --add-config cleanup.policy=compact
done

"$bin/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --describe --exclude-internal \
  | grep -E '^Topic:' || true
echo "kafka-init: topics ready: $TOPICS $COMPACTED_TOPICS"
