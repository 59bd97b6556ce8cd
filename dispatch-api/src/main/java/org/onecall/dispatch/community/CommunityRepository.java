package org.onecall.dispatch.community;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CommunityRepository extends CrudRepository<Community, String> {

    List<Community> findAllOrderById();

    List<Community> findByStreetOrderById(String street);

    List<Community> findByIdInOrderById(Collection<String> ids);
}
