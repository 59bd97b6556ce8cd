#!/usr/bin/env bash
# One-shot (the kafka-init service, in the apache/kafka image), signed in as the broker's admin:
# creates OneCall's topics, sets each service's SCRAM credential and grants each service exactly
# what it may do (events' ServiceAccess; ComposeSettingsTest checks that compose.yml says the same).
# Safe to run again: existing topics are kept (the compacted ones get cleanup.policy=compact
# re-applied), credentials are set again (a changed password takes effect), ACLs are added once.
# A grant removed from the table is not taken back here: remove it with kafka-acls.sh --remove.
#
# Environment (set in docker/compose.yml):
#   BOOTSTRAP_SERVERS   kafka:9092
#   ADMIN_PASSWORD      the broker admin's password (the broker was formatted with it)
#   TOPICS              space-separated, normal retention
#   COMPACTED_TOPICS    space-separated, cleanup.policy=compact (latest state per key)
#   PARTITIONS          partitions per topic (the unit of parallelism: communities are keys)
#   REPLICATION_FACTOR  1 on the single-node broker
#   SERVICES            the service principals, e.g. "dispatch-api matcher notifier"; for each,
#                       with its name upper-cased and - as _ (dispatch-api -> DISPATCH_API):
#   <NAME>_PASSWORD     its SCRAM-SHA-512 password (the service gets the same as KAFKA_PASSWORD)
#   <NAME>_READS        topics it consumes
#   <NAME>_WRITES       topics it produces to
#   <NAME>_GROUPS       consumer groups it joins
set -euo pipefail

bin="${KAFKA_BIN:-/opt/kafka/bin}"   # where the image keeps Kafka's command-line tools
: "${BOOTSTRAP_SERVERS:?}" "${ADMIN_PASSWORD:?}" "${TOPICS:?}" "${COMPACTED_TOPICS:?}" "${PARTITIONS:?}" \
  "${REPLICATION_FACTOR:?}" "${SERVICES:?}"

# they end up inside a quoted JAAS string and the [password=...] of kafka-configs
valid_password() {
  [[ "$2" =~ ^[A-Za-z0-9._~+/=-]{12,}$ ]] || {
    echo "kafka-init: $1 must be 12 or more of A-Z a-z 0-9 . _ ~ + / = - (e.g. openssl rand -hex 24)" >&2
    exit 1
  }
}

umask 077
admin_config="$(mktemp)"
trap 'rm -f "$admin_config"' EXIT
cat > "$admin_config" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$ADMIN_PASSWORD";
PROPS
as_admin=(--bootstrap-server "$BOOTSTRAP_SERVERS" --command-config "$admin_config")

create() {
  local topic="$1"; shift
  "$bin/kafka-topics.sh" "${as_admin[@]}" --create --if-not-exists \
    --topic "$topic" --partitions "$PARTITIONS" --replication-factor "$REPLICATION_FACTOR" "$@"
}

for topic in $TOPICS; do
  create "$topic"
done
for topic in $COMPACTED_TOPICS; do
  create "$topic" --config cleanup.policy=compact
  "$bin/kafka-configs.sh" "${as_admin[@]}" --alter \
    --entity-type topics --entity-name "$topic" --add-config cleanup.policy=compact
done

for service in $SERVICES; do
  prefix="$(tr 'a-z-' 'A-Z_' <<< "$service")"
  password_var="${prefix}_PASSWORD"
  reads_var="${prefix}_READS"
  writes_var="${prefix}_WRITES"
  groups_var="${prefix}_GROUPS"
  : "${!password_var:?set $password_var}" "${!reads_var?set $reads_var}" "${!writes_var?set $writes_var}" "${!groups_var?set $groups_var}"
  valid_password "$password_var" "${!password_var}"

  "$bin/kafka-configs.sh" "${as_admin[@]}" --alter --entity-type users --entity-name "$service" \
    --add-config "SCRAM-SHA-512=[password=${!password_var}]"

  # one call per operation: Read on the topics it consumes and on its groups, Write on the topics it produces to
  acl=("$bin/kafka-acls.sh" "${as_admin[@]}" --add --allow-principal "User:$service")
  reads=()
  for topic in ${!reads_var}; do reads+=(--topic "$topic"); done
  for group in ${!groups_var}; do reads+=(--group "$group"); done
  writes=()
  for topic in ${!writes_var}; do writes+=(--topic "$topic"); done
  if (( ${#reads[@]} )); then "${acl[@]}" --operation Read "${reads[@]}" > /dev/null; fi
  if (( ${#writes[@]} )); then "${acl[@]}" --operation Write "${writes[@]}" > /dev/null; fi
  echo "kafka-init: $service reads [${!reads_var}], writes [${!writes_var}], groups [${!groups_var}]"
done

"$bin/kafka-topics.sh" "${as_admin[@]}" --describe --exclude-internal | grep -E '^Topic:' || true
echo "kafka-init: topics ready: $TOPICS $COMPACTED_TOPICS; principals ready: $SERVICES"
