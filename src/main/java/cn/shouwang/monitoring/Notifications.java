package cn.shouwang.monitoring;

import java.util.List;

import cn.shouwang.shared.crypto.FieldCipher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells people: an in-app notification per user, and an SMS or WeChat message written to the
 * outbox in the caller's transaction (a dispatcher sends it later, so none is lost on a restart
 * and none is sent for a change that rolled back). Recipients' numbers are stored encrypted.
 */
@Service
public class Notifications {

	public enum Channel {

		SMS, WECHAT

	}

	private final JdbcClient jdbc;

	private final FieldCipher cipher;

	Notifications(JdbcClient jdbc, FieldCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void notifyUsers(List<Long> userIds, String kind, String title, String body, String link) {
		for (Long user : userIds) {
			this.jdbc.sql("""
					insert into notification(user_id, kind, title, body, link) values (:u, :k, :t, :b, :l)
					""").param("u", user).param("k", kind).param("t", title).param("b", body).param("l", link).update();
		}
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void send(Channel channel, String recipient, String body) {
		this.jdbc.sql("insert into outbox_message(channel, recipient_enc, body) values (:c, :r, :b)")
			.param("c", channel.name())
			.param("r", this.cipher.encrypt(recipient))
			.param("b", body)
			.update();
	}

}
