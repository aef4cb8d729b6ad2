package cn.shouwang.shared.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL COPY for bulk loads (demo data, imports): rows are written as CSV into a buffer and
 * sent in chunks, on the connection of the current transaction if there is one.
 */
@Component
public class BulkCopy {

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	public BulkCopy(DataSource dataSource, JdbcClient jdbc) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
	}

	/** Reserves {@code count} consecutive ids of a table's identity column; returns the first. */
	public long reserveIds(String table, int count) {
		if (count <= 0) {
			throw new IllegalArgumentException("count must be positive");
		}
		long last = this.jdbc.sql("""
				select setval(pg_get_serial_sequence(:table, 'id'), nextval(pg_get_serial_sequence(:table, 'id')) + :n - 1)
				""").param("table", table).param("n", count).query(Long.class).single();
		return last - count + 1;
	}

	/**
	 * {@code count} new ids of a table's identity column, each drawn with nextval, so they stay unique
	 * while other sessions draw ids too (a range moved with {@link #reserveIds} can overlap one drawn
	 * concurrently); they are ascending but not necessarily consecutive.
	 */
	public long[] takeIds(String table, int count) {
		if (count <= 0) {
			throw new IllegalArgumentException("count must be positive");
		}
		List<Long> ids = this.jdbc.sql("""
				select nextval(q.s) from (select pg_get_serial_sequence(:table, 'id')::regclass as s) q,
				  generate_series(1, :n)
				""").param("table", table).param("n", count).query(Long.class).list();
		return ids.stream().mapToLong(Long::longValue).sorted().toArray();
	}

	public Writer writer(String copySql, int rowsPerChunk) {
		return new Writer(copySql, rowsPerChunk);
	}

	/**
	 * Accumulates CSV rows and flushes them with COPY ... FROM STDIN (FORMAT csv). Rows are encoded
	 * straight to UTF-8 bytes, the form the server reads: building text first and converting it
	 * on every flush made the import's loader allocate several times the data it sent.
	 */
	public final class Writer implements AutoCloseable {

		private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

		private final String sql;

		private final int rowsPerChunk;

		private byte[] buffer = new byte[1 << 16];

		private int length;

		private int rows;

		private long total;

		private boolean firstField = true;

		Writer(String sql, int rowsPerChunk) {
			this.sql = sql;
			this.rowsPerChunk = rowsPerChunk;
		}

		public Writer text(String value) {
			sep();
			if (value != null) {
				// at most three bytes per char (a surrogate pair takes four for two chars), plus quotes
				ensure(value.length() * 3 + 2);
				byte[] b = this.buffer;
				int n = this.length;
				b[n++] = '"';
				for (int i = 0; i < value.length(); i++) {
					char c = value.charAt(i);
					if (c < 0x80) {
						if (c == '"') {
							b[n++] = '"';
						}
						b[n++] = (byte) c;
					}
					else if (c < 0x800) {
						b[n++] = (byte) (0xC0 | (c >> 6));
						b[n++] = (byte) (0x80 | (c & 0x3F));
					}
					else if (Character.isHighSurrogate(c) && i + 1 < value.length()
							&& Character.isLowSurrogate(value.charAt(i + 1))) {
						int cp = Character.toCodePoint(c, value.charAt(++i));
						b[n++] = (byte) (0xF0 | (cp >> 18));
						b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
						b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
						b[n++] = (byte) (0x80 | (cp & 0x3F));
					}
					else if (Character.isSurrogate(c)) {
						// a lone surrogate is not text; write what String.getBytes writes for it
						b[n++] = '?';
					}
					else {
						b[n++] = (byte) (0xE0 | (c >> 12));
						b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
						b[n++] = (byte) (0x80 | (c & 0x3F));
					}
				}
				b[n++] = '"';
				this.length = n;
			}
			return this;
		}

		public Writer number(long value) {
			sep();
			ascii(Long.toString(value));
			return this;
		}

		public Writer number(Long value) {
			sep();
			if (value != null) {
				ascii(Long.toString(value.longValue()));
			}
			return this;
		}

		public Writer bytes(byte[] value) {
			sep();
			if (value != null) {
				ensure(2 + value.length * 2);
				byte[] b = this.buffer;
				int n = this.length;
				b[n++] = '\\';
				b[n++] = 'x';
				for (byte v : value) {
					b[n++] = HEX_DIGITS[(v >> 4) & 0xF];
					b[n++] = HEX_DIGITS[v & 0xF];
				}
				this.length = n;
			}
			return this;
		}

		/** A value whose text is plain (numbers, dates, single letters): written unquoted. */
		public Writer raw(Object value) {
			sep();
			if (value != null) {
				String s = value.toString();
				boolean ascii = true;
				for (int i = 0; i < s.length() && ascii; i++) {
					ascii = s.charAt(i) < 0x80;
				}
				if (ascii) {
					ascii(s);
				}
				else {
					byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
					ensure(utf8.length);
					System.arraycopy(utf8, 0, this.buffer, this.length, utf8.length);
					this.length += utf8.length;
				}
			}
			return this;
		}

		public void endRow() {
			ensure(1);
			this.buffer[this.length++] = '\n';
			this.firstField = true;
			this.rows++;
			if (this.rows >= this.rowsPerChunk) {
				flush();
			}
		}

		public long total() {
			return this.total + this.rows;
		}

		private void sep() {
			if (!this.firstField) {
				ensure(1);
				this.buffer[this.length++] = ',';
			}
			this.firstField = false;
		}

		private void ascii(String s) {
			ensure(s.length());
			byte[] b = this.buffer;
			int n = this.length;
			for (int i = 0; i < s.length(); i++) {
				b[n++] = (byte) s.charAt(i);
			}
			this.length = n;
		}

		private void ensure(int more) {
			if (this.length + more > this.buffer.length) {
				this.buffer = java.util.Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + more));
			}
		}

		public void flush() {
			if (this.rows == 0) {
				return;
			}
			Connection con = DataSourceUtils.getConnection(BulkCopy.this.dataSource);
			try {
				CopyIn in = con.unwrap(PGConnection.class).getCopyAPI().copyIn(this.sql);
				try {
					in.writeToCopy(this.buffer, 0, this.length);
					in.endCopy();
				}
				finally {
					if (in.isActive()) {
						in.cancelCopy();
					}
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("COPY failed: " + ex.getMessage(), ex);
			}
			finally {
				DataSourceUtils.releaseConnection(con, BulkCopy.this.dataSource);
			}
			this.total += this.rows;
			this.rows = 0;
			this.length = 0;
		}

		@Override
		public void close() {
			flush();
		}

	}

}
