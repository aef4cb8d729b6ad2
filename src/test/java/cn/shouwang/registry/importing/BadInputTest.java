package cn.shouwang.registry.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.shouwang.shared.InvalidInputException;

import static cn.shouwang.registry.importing.TestFiles.id;
import static cn.shouwang.registry.importing.TestFiles.rows;
import static cn.shouwang.registry.importing.TestFiles.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BadInputTest {

	private static void assertRefused(byte[] bytes, String name, String code) {
		assertThatThrownBy(() -> {
			try (ImportFile f = TestFiles.open(bytes, name)) {
				ImportReader.preview(f, Map.of(), 5);
			}
		}).isInstanceOfSatisfying(InvalidInputException.class, ex -> {
			assertThat(ex.errors()).singleElement().satisfies(e -> {
				assertThat(e.field()).isEqualTo("file");
				assertThat(e.code()).isEqualTo(code);
			});
		});
	}

	private static byte[] zip(String... entries) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream z = new ZipOutputStream(out)) {
			for (String e : entries) {
				z.putNextEntry(new ZipEntry(e));
				z.write("<x/>".getBytes(StandardCharsets.UTF_8));
				z.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		return out.toByteArray();
	}

	@Test
	void anEmptyFile() {
		assertRefused(new byte[0], "a.xlsx", "import.empty");
		assertRefused(" \r\n\t\r\n".getBytes(StandardCharsets.UTF_8), "a.csv", "import.empty");
		assertRefused(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, "a.csv", "import.empty");
	}

	@Test
	void aWordDocumentIsNotAWorkbook() {
		assertRefused(zip("[Content_Types].xml", "word/document.xml", "docProps/core.xml"), "台账.xlsx",
				"import.unsupportedType");
		assertRefused(zip("[Content_Types].xml", "xl/workbook.bin"), "a.xlsb", "import.unsupportedType");
	}

	@Test
	void aLegacyXlsIsRefusedWithAdvice() {
		byte[] ole = new byte[4096];
		byte[] magic = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 };
		System.arraycopy(magic, 0, ole, 0, magic.length);
		byte[] name = "Workbook".getBytes(StandardCharsets.UTF_16LE);
		System.arraycopy(name, 0, ole, 1024, name.length);
		assertRefused(ole, "台账.xlsx", "import.legacyXls");
		byte[] encrypted = ole.clone();
		byte[] stream = "EncryptedPackage".getBytes(StandardCharsets.UTF_16LE);
		System.arraycopy(stream, 0, encrypted, 4096 - stream.length, stream.length);
		assertRefused(encrypted, "台账.xlsx", "import.encrypted");
	}

	@Test
	void aPdfOrAPictureRenamedXlsx() {
		assertRefused("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1),
				"台账.xlsx", "import.unsupportedType");
		byte[] png = new byte[200];
		byte[] magic = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13 };
		System.arraycopy(magic, 0, png, 0, magic.length);
		assertRefused(png, "台账.xlsx", "import.unsupportedType");
		assertRefused("<html><body><table><tr><td>姓名</td></tr></table></body></html>".getBytes(StandardCharsets.UTF_8),
				"台账.xls", "import.unsupportedType");
	}

	@Test
	void aDamagedWorkbook() {
		byte[] good = xlsx(ws -> rows(ws, 0, new String[] { "姓名", "身份证号" }, new String[] { "张三", id("19800101", 11) }));
		assertRefused(Arrays.copyOf(good, good.length / 2), "a.xlsx", "import.unreadable");
	}

	@Test
	void aWorkbookWithoutWorksheets() {
		assertRefused(zip("xl/workbook.xml"), "a.xlsx", "import.noVisibleSheet");
	}

	@Test
	void aQuoteOpenForAMillionCharactersIsADamagedFile() {
		String text = "姓名,身份证号,备注\r\n张三," + id("19800101", 11) + ",\"" + "很长的备注\r\n".repeat(300_000);
		assertThatThrownBy(() -> TestFiles.readAll(text.getBytes(StandardCharsets.UTF_8), "a.csv"))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
				assertThat(ex.errors().get(0).code()).isEqualTo("import.unreadableAt");
				assertThat(ex.errors().get(0).args()).containsExactly(2);
			});
	}

	@Test
	void aFileOverTheLimitIsRefusedBeforeReading() {
		InputStream unread = new InputStream() {
			@Override
			public int read() {
				throw new AssertionError("read although the declared size is over the limit");
			}
		};
		assertThatThrownBy(() -> ImportFile.open(unread, "big.xlsx", ImportFile.MAX_BYTES + 1))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
				assertThat(ex.errors().get(0).code()).isEqualTo("import.tooLarge");
				assertThat(ex.errors().get(0).args()).containsExactly(50L);
			});
	}

	@Test
	void aStreamOverTheLimitStopsBeingCopiedAtTheLimit() {
		long[] served = { 0 };
		InputStream endless = new InputStream() {
			@Override
			public int read() {
				served[0]++;
				return 'a';
			}

			@Override
			public int read(byte[] b, int off, int len) {
				Arrays.fill(b, off, off + len, (byte) 'a');
				served[0] += len;
				return len;
			}
		};
		assertThatThrownBy(() -> ImportFile.open(endless, "big.csv", -1)).isInstanceOfSatisfying(
				InvalidInputException.class, ex -> assertThat(ex.errors().get(0).code()).isEqualTo("import.tooLarge"));
		assertThat(served[0]).isBetween(ImportFile.MAX_BYTES, ImportFile.MAX_BYTES + 65_536);
	}

	@Test
	void aFileOnDiskOverTheLimit(@TempDir Path dir) throws IOException {
		Path big = dir.resolve("big.xlsx");
		try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
			f.setLength(ImportFile.MAX_BYTES + 1); // sparse: nothing is written
		}
		assertThatThrownBy(() -> ImportFile.open(big, "big.xlsx")).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.errors().get(0).code()).isEqualTo("import.tooLarge"));
		assertThat(Files.exists(big)).as("the caller's file is left alone").isTrue();
	}

	@Test
	void theTemporaryCopyIsDeletedOnClose(@TempDir Path dir) throws IOException {
		String tmp = System.getProperty("java.io.tmpdir");
		byte[] bytes = "姓名,身份证号\r\n".getBytes(StandardCharsets.UTF_8);
		long before;
		try (var s = Files.list(Path.of(tmp))) {
			before = s.filter(p -> p.getFileName().toString().startsWith("shouwang-import")).count();
		}
		ImportFile f = TestFiles.open(bytes, "a.csv");
		f.close();
		try (var s = Files.list(Path.of(tmp))) {
			assertThat(s.filter(p -> p.getFileName().toString().startsWith("shouwang-import")).count()).isEqualTo(before);
		}
	}

}
