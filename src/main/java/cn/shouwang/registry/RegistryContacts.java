package cn.shouwang.registry;

import java.util.Optional;

import cn.shouwang.shared.crypto.FieldCipher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How the system itself reaches a registered person: the phone number for a message it sends
 * (a reminder to report a health check). For sending only, never for showing: it is read
 * without a caller's scope by jobs, and goes straight back into the encrypted outbox.
 */
@Service
public class RegistryContacts {

	private final JdbcClient jdbc;

	private final FieldCipher cipher;

	RegistryContacts(JdbcClient jdbc, FieldCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	public Optional<String> phoneOf(long personId) {
		return this.jdbc.sql("select phone_enc from person where id = :id and phone_enc is not null")
			.param("id", personId)
			.query((rs, i) -> rs.getBytes(1))
			.optional()
			.map(this.cipher::decrypt);
	}

}
