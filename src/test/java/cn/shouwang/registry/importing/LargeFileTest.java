package cn.shouwang.registry.importing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.shouwang.registry.ResidenceType;

import static org.assertj.core.api.Assertions.assertThat;

/** Correctness at some size; speed is measured by {@link ParseThroughput}, not asserted here. */
class LargeFileTest {

	private static final int PERSONS = 20_000;

	@Test
	void twentyThousandRowsOfXlsx() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		RegisterGenerator.write(out, PERSONS);
		try (ImportFile f = TestFiles.open(out.toByteArray(), "台账.xlsx"); ImportReader r = ImportReader.open(f, Map.of())) {
			int n = 0;
			while (r.hasNext()) {
				RowResult row = r.next();
				int p = n++;
				assertThat(row.rowNumber()).isEqualTo(p + 3);
				if (p % RegisterGenerator.BAD_EVERY == RegisterGenerator.BAD_EVERY - 1) {
					assertThat(row.problems()).extracting(RowProblem::messageKey).containsExactly("idnumber.CHECK_DIGIT");
					continue;
				}
				assertThat(row.valid()).as("row %d: %s", row.rowNumber(), row.problems()).isTrue();
				PersonDraft person = row.person();
				assertThat(person.idNumber()).isEqualTo(RegisterGenerator.id(p));
				assertThat(person.name()).isEqualTo(RegisterGenerator.name(p));
				assertThat(person.phone()).isEqualTo(String.valueOf(13_800_000_000L + p));
				int household = p / 3;
				if (p < PERSONS - 2 || p % 3 == 0) {
					assertThat(person.location().building()).isEqualTo((household / 40 + 1) + "号楼");
				}
			}
			assertThat(n).isEqualTo(PERSONS);
			assertThat(r.rejected()).isEqualTo(RegisterGenerator.expectedRejected(PERSONS));
			assertThat(r.accepted()).isEqualTo(PERSONS - RegisterGenerator.expectedRejected(PERSONS));
		}
	}

	@Test
	void twentyThousandRowsOfGbkCsv() {
		StringBuilder csv = new StringBuilder(String.join(",", RegisterGenerator.HEADER)).append("\r\n");
		for (int p = 0; p < PERSONS; p++) {
			csv.append(p + 1).append(',').append(RegisterGenerator.name(p)).append(',').append(RegisterGenerator.id(p))
				.append(',').append(13_800_000_000L + p).append(",,,XX社区,第一网格,1号楼,1,101,户主,流动,\"独居老人,慢性病\",\r\n");
		}
		byte[] bytes = csv.toString().getBytes(Charset.forName("GBK"));
		try (ImportFile f = TestFiles.open(bytes, "台账.csv"); ImportReader r = ImportReader.open(f, Map.of())) {
			int n = 0;
			while (r.hasNext()) {
				RowResult row = r.next();
				if (row.valid()) {
					assertThat(row.person().residenceType()).isEqualTo(ResidenceType.MIGRANT);
					assertThat(row.person().tags()).hasSize(2);
				}
				n++;
			}
			assertThat(n).isEqualTo(PERSONS);
			assertThat(r.rejected()).isEqualTo(RegisterGenerator.expectedRejected(PERSONS));
		}
	}

}
