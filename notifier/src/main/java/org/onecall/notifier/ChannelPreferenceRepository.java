package org.onecall.notifier;

import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@Repository("notifier")
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ChannelPreferenceRepository extends CrudRepository<ChannelPreference, String> {
}
