package cn.shouwang.registry;

import cn.shouwang.jurisdiction.JurisdictionMoved;
import cn.shouwang.shared.JurisdictionScope;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Counts of the registry within a scope, and keeping denormalised paths in step with the tree. */
@Service
public class RegistryService {

	public record Counts(long households, long persons) {
	}

	private final JdbcClient jdbc;

	RegistryService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Counts counts(JurisdictionScope scope) {
		long households = scope.bind(this.jdbc.sql(
				"select count(*) from household where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi"))
			.query(Long.class)
			.single();
		long persons = scope.bind(this.jdbc.sql(
				"select count(*) from person where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi"))
			.query(Long.class)
			.single();
		return new Counts(households, persons);
	}

	/** Runs inside the moving transaction, so no household or person is ever out of step with the tree. */
	@EventListener
	void on(JurisdictionMoved moved) {
		JurisdictionScope old = JurisdictionScope.of(moved.oldPath());
		for (String table : java.util.List.of("household", "person")) {
			old.bind(this.jdbc.sql("update " + table + """
					 set jurisdiction_path = :newPath || substr(jurisdiction_path, length(:oldPath) + 1)
					where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
					"""))
				.param("newPath", moved.newPath())
				.param("oldPath", moved.oldPath())
				.update();
		}
	}

}
