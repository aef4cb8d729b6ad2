package cn.shouwang.shared.db;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.shouwang.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** What COPY stores is what was written: quotes, line breaks, Chinese, rare characters, bytes, nulls. */
@IntegrationTest
class BulkCopyTest {

	@Autowired
	BulkCopy copy;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Test
	void everyValueComesBackAsItWasWrittenAcrossFlushes() {
		List<String> texts = List.of("", "plain", "say \"hi\", then \"\"", "两行\n文本, 逗号", "生僻字 𠀀𪚥 and é", "\\x not bytes",
				"\"", "a".repeat(100_000));
		List<Object[]> back = this.tx.execute(s -> {
			this.jdbc.sql("create temp table bulk_copy_probe (n bigint, t text, b bytea, r date, l bigint) on commit drop").update();
			try (BulkCopy.Writer w = this.copy.writer("copy bulk_copy_probe (n, t, b, r, l) from stdin (format csv)", 3)) {
				for (int i = 0; i < texts.size(); i++) {
					w.number(i).text(texts.get(i)).bytes(new byte[] { (byte) i, (byte) 0xFF, 0x00, 0x7F })
						.raw(java.time.LocalDate.of(2000, 1, 1 + i)).number(i % 2 == 0 ? null : Long.valueOf(-i)).endRow();
				}
				w.number(99).text(null).bytes(null).raw(null).number((Long) null).endRow();
			}
			List<Object[]> rows = new ArrayList<>();
			this.jdbc.sql("select n, t, b, r, l from bulk_copy_probe order by n")
				.query((rs, i) -> rows.add(new Object[] { rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getObject(4),
						rs.getObject(5) }))
				.list();
			return rows;
		});
		assertThat(back).hasSize(texts.size() + 1);
		for (int i = 0; i < texts.size(); i++) {
			assertThat(back.get(i)[1]).isEqualTo(texts.get(i));
			assertThat((byte[]) back.get(i)[2]).containsExactly((byte) i, (byte) 0xFF, 0x00, 0x7F);
			assertThat(back.get(i)[3].toString()).isEqualTo(java.time.LocalDate.of(2000, 1, 1 + i).toString());
			assertThat(back.get(i)[4]).isEqualTo(i % 2 == 0 ? null : Long.valueOf(-i));
		}
		Object[] empty = back.get(texts.size());
		assertThat(empty[1]).isNull();
		assertThat(empty[2]).isNull();
		assertThat(empty[3]).isNull();
		assertThat(empty[4]).isNull();
	}

	@Test
	void idsTakenAreNewAscendingAndUnique() {
		long[] first = this.copy.takeIds("household", 500);
		long[] second = this.copy.takeIds("household", 500);
		assertThat(first).hasSize(500).isSorted().doesNotHaveDuplicates();
		assertThat(second[0]).isGreaterThan(first[first.length - 1]);
		Long max = this.jdbc.sql("select coalesce(max(id), 0) from household").query(Long.class).single();
		assertThat(first[0]).isGreaterThan(max);
	}

}
