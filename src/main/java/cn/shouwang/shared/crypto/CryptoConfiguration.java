package cn.shouwang.shared.crypto;

import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the key comes from: {@code shouwang.crypto.key} (env SHOUWANG_CRYPTO_KEY) when set;
 * otherwise, only on the embedded database, a key file generated under the data directory.
 * An external database without a configured key refuses to start rather than invent a key
 * that would be lost with the machine.
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

	@Bean
	CryptoKeys cryptoKeys(@Value("${shouwang.crypto.key:}") String key,
			@Value("${shouwang.data-dir:./data}") String dataDir, ObjectProvider<EmbeddedPostgres> embedded) {
		if (key != null && !key.isBlank()) {
			return CryptoKeys.fromBase64(key);
		}
		if (embedded.getIfAvailable() != null) {
			return CryptoKeys.fromDataDirectory(Path.of(dataDir));
		}
		throw new IllegalStateException("SHOUWANG_CRYPTO_KEY is not set. With an external database the field-"
				+ "encryption key must come from the environment: openssl rand -base64 32 (see docs/operations.md)");
	}

	@Bean
	FieldCipher fieldCipher(CryptoKeys keys) {
		return new FieldCipher(keys);
	}

	@Bean
	BlindIndex blindIndex(CryptoKeys keys) {
		return new BlindIndex(keys);
	}

	@Bean
	TokenSigner tokenSigner(CryptoKeys keys) {
		return new TokenSigner(keys);
	}

	@Bean
	PassSigner passSigner(CryptoKeys keys) {
		return new PassSigner(keys);
	}

}
