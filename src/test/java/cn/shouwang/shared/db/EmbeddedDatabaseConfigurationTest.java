package cn.shouwang.shared.db;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseConfigurationTest {

	@Test
	void aDataDirectoryOfAnotherMajorVersionIsRefusedWithAPlainReason(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("PG_VERSION"), "14\n");
		assertThatThrownBy(() -> EmbeddedDatabaseConfiguration.checkMajorVersion(dir))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("created by PostgreSQL 14")
			.hasMessageContaining("embeds PostgreSQL 17");
	}

	@Test
	void aFreshOrMatchingDirectoryIsFine(@TempDir Path dir) throws Exception {
		assertThatCode(() -> EmbeddedDatabaseConfiguration.checkMajorVersion(dir)).doesNotThrowAnyException();
		Files.writeString(dir.resolve("PG_VERSION"), "17\n");
		assertThatCode(() -> EmbeddedDatabaseConfiguration.checkMajorVersion(dir)).doesNotThrowAnyException();
	}

}
