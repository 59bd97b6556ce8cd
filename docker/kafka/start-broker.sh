#!/usr/bin/env bash
# Entrypoint of the compose broker (in the apache/kafka image): Kafka with SASL/SCRAM-SHA-512 on
# its client listeners and ACLs (StandardAuthorizer, nothing allowed unless granted).
#
#  1. writes server.properties from the KAFKA_* environment, as the image's own entrypoint would
#     (KAFKA_LOG_DIRS -> log.dirs; __ -> _, ___ -> -), plus the sign-in lines that carry secrets;
#  2. formats the data directory on the first start with the admin's SCRAM credential
#     (kafka-storage format --add-scram), so the admin can sign in from the very first request;
#  3. writes a client config for the admin (the healthcheck and `docker compose exec` use it);
#  4. starts Kafka.
#
# The controller listener is bound to localhost inside the container (only this node talks to its
# controller) and takes SASL/PLAIN with a password made up at each start: a controller listener
# without sign-in would have to treat User:ANONYMOUS as a super user for the broker to register,
# and then anyone reaching it could forward requests in the name of any principal.
#
# Environment (docker/compose.yml): CLUSTER_ID, ADMIN_PASSWORD, the KAFKA_* broker settings.
# KAFKA_BIN (/opt/kafka/bin) and ONECALL_KAFKA_CONFIG (/tmp/onecall-kafka) are for trying it
# outside the image.
set -euo pipefail

bin="${KAFKA_BIN:-/opt/kafka/bin}"
config_dir="${ONECALL_KAFKA_CONFIG:-/tmp/onecall-kafka}"
: "${CLUSTER_ID:?}" "${KAFKA_LOG_DIRS:?}"
: "${ADMIN_PASSWORD:?set ADMIN_PASSWORD, the password of the broker admin}"

# they end up inside quoted JAAS strings and the [name=...,password=...] of --add-scram
valid_password() {
  [[ "$2" =~ ^[A-Za-z0-9._~+/=-]{12,}$ ]] || {
    echo "start-broker: $1 must be 12 or more of A-Z a-z 0-9 . _ ~ + / = - (e.g. openssl rand -hex 24)" >&2
    exit 1
  }
}
valid_password ADMIN_PASSWORD "$ADMIN_PASSWORD"

umask 077
mkdir -p "$config_dir"
props="$config_dir/server.properties"
controller_password="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
scram_module="org.apache.kafka.common.security.scram.ScramLoginModule"
plain_module="org.apache.kafka.common.security.plain.PlainLoginModule"

{
  echo "# Written by docker/kafka/start-broker.sh at every start; change docker/compose.yml instead."
  for name in $(compgen -e | grep '^KAFKA_' | sort); do
    case "$name" in
      # JVM and script settings, not broker properties
      KAFKA_HEAP_OPTS|KAFKA_OPTS|KAFKA_JVM_PERFORMANCE_OPTS|KAFKA_GC_LOG_OPTS|KAFKA_LOG4J_OPTS|KAFKA_JMX_OPTS|KAFKA_BIN) continue ;;
    esac
    key="${name#KAFKA_}"
    key="${key,,}"
    key="${key//___/-}"
    key="${key//__/%}"
    key="${key//_/.}"
    key="${key//%/_}"
    printf '%s=%s\n' "$key" "${!name}"
  done
  # every SASL listener but the controller's takes SCRAM; the admin's credential is the inter-broker one
  controller="${KAFKA_CONTROLLER_LISTENER_NAMES:?}"
  controller="${controller,,}"
  for listener in $(tr ',' '\n' <<< "${KAFKA_LISTENERS:?}" | sed -E 's#:.*##' | tr 'A-Z' 'a-z'); do
    if [[ "$listener" != "$controller" ]]; then
      echo "listener.name.$listener.scram-sha-512.sasl.jaas.config=$scram_module required username=\"admin\" password=\"$ADMIN_PASSWORD\";"
    fi
  done
  echo "listener.name.$controller.sasl.enabled.mechanisms=PLAIN"
  echo "listener.name.$controller.plain.sasl.jaas.config=$plain_module required username=\"controller\" password=\"$controller_password\" user_controller=\"$controller_password\";"
} > "$props"

cat > "$config_dir/admin.properties" <<PROPS
# The broker's admin (a super user): kafka-topics.sh, kafka-acls.sh, kafka-configs.sh ... --command-config $config_dir/admin.properties
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$scram_module required username="admin" password="$ADMIN_PASSWORD";
PROPS

# --ignore-formatted: a volume formatted before keeps its data and the admin credential it was formatted with
"$bin/kafka-storage.sh" format --ignore-formatted --cluster-id "$CLUSTER_ID" --config "$props" \
  --add-scram "SCRAM-SHA-512=[name=admin,password=\"$ADMIN_PASSWORD\"]"

exec "$bin/kafka-server-start.sh" "$props"
