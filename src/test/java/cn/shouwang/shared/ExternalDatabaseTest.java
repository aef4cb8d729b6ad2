package cn.shouwang.shared;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import cn.shouwang.ShouwangApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With SPRING_DATASOURCE_URL set the application uses that server: it migrates the schema, starts
 * no database of its own, loads no demo data, and refuses to start without an encryption key.
 * The "external" server here is a separate PostgreSQL process started by the test.
 */
class ExternalDatabaseTest {

	private static EmbeddedPostgres server;

	@BeforeAll
	static void startServer() throws Exception {
		server = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopServer() throws Exception {
		server.close();
	}

	@Test
	void usesTheConfiguredDatabaseAndLoadsNoDemoData() {
		try (ConfigurableApplicationContext app = start("--shouwang.crypto.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")) {
			assertThat(app.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single())
				.isGreaterThanOrEqualTo(4);
			assertThat(jdbc.sql("select count(*) from jurisdiction_node").query(Long.class).single()).isZero();
			assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single()).isZero();
		}
	}

	@Test
	void refusesToStartWithoutAnEncryptionKey() {
		assertThatThrownBy(() -> start().close()).hasStackTraceContaining("SHOUWANG_CRYPTO_KEY is not set");
	}

	private static ConfigurableApplicationContext start(String... extra) {
		java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
				"--spring.datasource.url=" + server.getJdbcUrl("postgres", "postgres"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=", "--server.port=0"));
		// the environment of the test run must not supply a key behind the test's back
		args.add(extra.length == 0 ? "--shouwang.crypto.key=" : extra[0]);
		return new SpringApplicationBuilder(ShouwangApplication.class).run(args.toArray(String[]::new));
	}

}
