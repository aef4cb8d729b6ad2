package cn.shouwang.registry.importing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import cn.shouwang.shared.ChineseIdNumber;

/** Builds real files for the tests: workbooks with fastexcel, CSV bytes in explicit charsets. */
final class TestFiles {

	private TestFiles() {
	}

	/** A valid resident ID number: Beijing Chaoyang, the given birth date, sequence (odd: man). */
	static String id(String birth, int sequence) {
		String first17 = "110105" + birth + String.format("%03d", sequence);
		return first17 + ChineseIdNumber.checkCharacter(first17);
	}

	/** An .xlsx with one sheet per consumer, named Sheet1, Sheet2... */
	@SafeVarargs
	static byte[] xlsx(Consumer<Worksheet>... sheets) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			Workbook wb = new Workbook(out, "test", "1.0");
			int i = 1;
			for (Consumer<Worksheet> s : sheets) {
				Worksheet ws = wb.newWorksheet("Sheet" + i++);
				s.accept(ws);
			}
			wb.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** Writes rows of text from the given row (0-based) on; null cells are left empty. */
	static void rows(Worksheet ws, int firstRow, String[]... rows) {
		for (int r = 0; r < rows.length; r++) {
			for (int c = 0; c < rows[r].length; c++) {
				if (rows[r][c] != null) {
					ws.value(firstRow + r, c, rows[r][c]);
				}
			}
		}
	}

	static byte[] csv(Charset charset, byte[] prefix, String... lines) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(prefix);
		out.writeBytes((String.join("\r\n", lines) + "\r\n").getBytes(charset));
		return out.toByteArray();
	}

	static ImportFile open(byte[] bytes, String name) {
		return ImportFile.open(new ByteArrayInputStream(bytes), name, bytes.length);
	}

	/** Every data row's result. */
	static List<RowResult> readAll(ImportFile file, Map<Field, Integer> overrides) {
		List<RowResult> list = new ArrayList<>();
		try (ImportReader r = ImportReader.open(file, overrides)) {
			r.forEachRemaining(list::add);
		}
		return list;
	}

	static List<RowResult> readAll(byte[] bytes, String name) {
		try (ImportFile f = open(bytes, name)) {
			return readAll(f, Map.of());
		}
	}

	/** The zip with one entry's text changed (fastexcel's zips need ZipFile: ZipInputStream cannot read them). */
	static byte[] editEntry(byte[] zip, String entry, java.util.function.UnaryOperator<String> edit) {
		Path tmp = temp(zip, ".zip");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipFile in = new ZipFile(tmp.toFile()); ZipOutputStream z = new ZipOutputStream(out)) {
			for (ZipEntry e : java.util.Collections.list(in.entries())) {
				byte[] content = in.getInputStream(e).readAllBytes();
				if (e.getName().equals(entry)) {
					content = edit.apply(new String(content, java.nio.charset.StandardCharsets.UTF_8))
						.getBytes(java.nio.charset.StandardCharsets.UTF_8);
				}
				z.putNextEntry(new ZipEntry(e.getName()));
				z.write(content);
				z.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			tmp.toFile().delete();
		}
		return out.toByteArray();
	}

	static String entry(byte[] zip, String entry) {
		Path tmp = temp(zip, ".zip");
		try (ZipFile in = new ZipFile(tmp.toFile())) {
			ZipEntry e = in.getEntry(entry);
			return e == null ? null : new String(in.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			tmp.toFile().delete();
		}
	}

	static Path temp(byte[] bytes, String suffix) {
		try {
			Path p = Files.createTempFile("import-test", suffix);
			Files.write(p, bytes);
			p.toFile().deleteOnExit();
			return p;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
