package org.onecall.dispatch.household;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface HouseholdRepository extends CrudRepository<Household, Long> {

    List<Household> findByPhone(String phone);

    List<Household> findByCommunityId(String communityId);

    List<Household> findByIdIn(Collection<Long> ids);

    /** Rows a previous version of the tokeniser wrote (or none did), oldest first. */
    List<Household> findTop500ByIndexedVersionLessThanOrderById(int version);
}
