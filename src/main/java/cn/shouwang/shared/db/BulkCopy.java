package cn.shouwang.shared.db;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL COPY for bulk loads (demo data, imports): rows are written as CSV into a buffer and
 * sent in chunks, on the connection of the current transaction if there is one.
 */
@Component
public class BulkCopy {

	private static final HexFormat HEX = HexFormat.of();

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

	public Writer writer(String copySql, int rowsPerChunk) {
		return new Writer(copySql, rowsPerChunk);
	}

	/** Accumulates CSV rows and flushes them with COPY ... FROM STDIN (FORMAT csv). */
	public final class Writer implements AutoCloseable {

		private final String sql;

		private final int rowsPerChunk;

		private final StringBuilder buffer = new StringBuilder(1 << 20);

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
				this.buffer.append('"');
				for (int i = 0; i < value.length(); i++) {
					char c = value.charAt(i);
					if (c == '"') {
						this.buffer.append('"');
					}
					this.buffer.append(c);
				}
				this.buffer.append('"');
			}
			return this;
		}

		public Writer number(long value) {
			sep();
			this.buffer.append(value);
			return this;
		}

		public Writer number(Long value) {
			sep();
			if (value != null) {
				this.buffer.append(value.longValue());
			}
			return this;
		}

		public Writer bytes(byte[] value) {
			sep();
			if (value != null) {
				this.buffer.append("\\x").append(HEX.formatHex(value));
			}
			return this;
		}

		public Writer raw(Object value) {
			sep();
			if (value != null) {
				this.buffer.append(value);
			}
			return this;
		}

		public void endRow() {
			this.buffer.append('\n');
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
				this.buffer.append(',');
			}
			this.firstField = false;
		}

		public void flush() {
			if (this.rows == 0) {
				return;
			}
			Connection con = DataSourceUtils.getConnection(BulkCopy.this.dataSource);
			try {
				con.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn(this.sql, new StringReader(this.buffer.toString()));
			}
			catch (SQLException ex) {
				throw new IllegalStateException("COPY failed: " + ex.getMessage(), ex);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				DataSourceUtils.releaseConnection(con, BulkCopy.this.dataSource);
			}
			this.total += this.rows;
			this.rows = 0;
			this.buffer.setLength(0);
		}

		@Override
		public void close() {
			flush();
		}

	}

}
