package cn.shouwang.registry.importing;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The import library as one bean, for the jobs and pages that run an import. It needs no database:
 * it reads files, validates rows and writes the error workbook; storing people is the caller's.
 *
 * <pre>
 * try (ImportFile file = imports.open(upload.getInputStream(), upload.getOriginalFilename(), upload.getSize())) {
 *     Preview preview = imports.preview(file, Map.of());          // show mapping + sample, let the user correct it
 * }
 * // later, in the job, with the file kept on disk and the user's corrections:
 * try (ImportFile file = imports.open(path, name);
 *      ImportReader rows = imports.read(file, overrides);
 *      ErrorWorkbook errors = imports.errorWorkbook(out, rows.mapping(), locale)) {
 *     while (rows.hasNext()) {
 *         RowResult r = rows.next();
 *         if (r.valid()) { ... r.person() ... } else { errors.add(r); }
 *     }
 * }
 * </pre>
 */
@Component
public class RegistryImport {

	/** Data rows shown with the mapping before the import runs. */
	public static final int PREVIEW_ROWS = 10;

	private final MessageSource messages;

	public RegistryImport(MessageSource messages) {
		this.messages = messages;
	}

	/** See {@link ImportFile#open(InputStream, String, long)}. */
	public ImportFile open(InputStream in, String fileName, long declaredSize) {
		return ImportFile.open(in, fileName, declaredSize);
	}

	/** See {@link ImportFile#open(Path, String)}. */
	public ImportFile open(Path file, String fileName) {
		return ImportFile.open(file, fileName);
	}

	public ImportReader.Preview preview(ImportFile file, Map<Field, Integer> overrides) {
		return ImportReader.preview(file, overrides, PREVIEW_ROWS);
	}

	public ImportReader read(ImportFile file, Map<Field, Integer> overrides) {
		return ImportReader.open(file, overrides);
	}

	/** A problem in the given language. */
	public String describe(RowProblem problem, Locale locale) {
		return this.messages.getMessage(problem.messageKey(), problem.args(), problem.messageKey(), locale);
	}

	public Function<RowProblem, String> describer(Locale locale) {
		return p -> describe(p, locale);
	}

	/** The workbook of rejected rows, with reasons and the reason column's title in the given language. */
	public ErrorWorkbook errorWorkbook(OutputStream out, ColumnMapping mapping, Locale locale) {
		return new ErrorWorkbook(out, mapping.headers(), describer(locale),
				this.messages.getMessage("import.reasonColumn", null, ErrorWorkbook.REASON_HEADER, locale));
	}

}
