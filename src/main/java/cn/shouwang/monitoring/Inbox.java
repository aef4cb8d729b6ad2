package cn.shouwang.monitoring;

import java.sql.Timestamp;
import java.time.Instant;

import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's in-app notifications (the bell): their own, newest first; nobody reads anyone else's. */
@Service
public class Inbox {

	public record Item(long id, String kind, String title, String body, String link, Instant createdAt, Instant readAt) {
	}

	private final JdbcClient jdbc;

	Inbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long unread(ShouwangPrincipal caller) {
		if (caller.userId() == null) {
			return 0;
		}
		return this.jdbc.sql("select count(*) from notification where user_id = :u and read_at is null")
			.param("u", caller.userId())
			.query(Long.class)
			.single();
	}

	public PageResult<Item> list(ShouwangPrincipal caller, PageQuery page) {
		if (caller.userId() == null) {
			return page.result(java.util.List.of(), 0);
		}
		long total = this.jdbc.sql("select count(*) from notification where user_id = :u")
			.param("u", caller.userId())
			.query(Long.class)
			.single();
		return page.result(this.jdbc.sql("""
				select id, kind, title, body, link, created_at, read_at from notification where user_id = :u
				order by created_at desc, id desc limit :limit offset :offset
				""").param("u", caller.userId()).param("limit", page.size()).param("offset", page.offset())
			.query((rs, i) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
			.list(), total);
	}

	@Transactional
	public int markAllRead(ShouwangPrincipal caller) {
		if (caller.userId() == null) {
			return 0;
		}
		return this.jdbc.sql("update notification set read_at = :now where user_id = :u and read_at is null")
			.param("now", Timestamp.from(Instant.now()))
			.param("u", caller.userId())
			.update();
	}

}
