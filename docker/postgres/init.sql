-- Runs once, when the postgres container starts on an empty data volume
-- (mounted into /docker-entrypoint-initdb.d/ by docker/compose.yml).
--
-- One database and one login role per service that has tables. Each role owns its database
-- (on PostgreSQL 15 that is what lets it create tables in the public schema, so Flyway can
-- migrate), and nobody else may connect: no service reads another service's tables.
--
-- The passwords are for a local demo. docker/compose.yml gives the same ones to the services
-- (JDBC_PASSWORD, NOTIFIER_JDBC_PASSWORD); ComposeSettingsTest checks that the two agree.

CREATE ROLE dispatch LOGIN PASSWORD 'dispatch';
CREATE DATABASE dispatch OWNER dispatch;
REVOKE CONNECT ON DATABASE dispatch FROM PUBLIC;

CREATE ROLE notifier LOGIN PASSWORD 'notifier';
CREATE DATABASE notifier OWNER notifier;
REVOKE CONNECT ON DATABASE notifier FROM PUBLIC;
