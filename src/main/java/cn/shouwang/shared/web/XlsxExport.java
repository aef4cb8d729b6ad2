package cn.shouwang.shared.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletResponse;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Streams a list to an .xlsx download row by row (FastExcel), so an export of any size needs no
 * more memory than one row. Headers are the column titles in the user's language.
 */
public final class XlsxExport {

	/** Receives one row's cell values in column order. */
	public interface RowSink {

		void row(Object... cells);

	}

	private XlsxExport() {
	}

	public static void write(HttpServletResponse response, String fileName, String sheetName, List<String> headers,
			Consumer<RowSink> rows) throws IOException {
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		String encoded = URLEncoder.encode(fileName + "-" + LocalDate.now() + ".xlsx", StandardCharsets.UTF_8)
			.replace("+", "%20");
		response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + encoded);
		try (OutputStream out = response.getOutputStream()) {
			Workbook wb = new Workbook(out, "Shouwang", "1.0");
			Worksheet ws = wb.newWorksheet(sheetName);
			for (int c = 0; c < headers.size(); c++) {
				ws.value(0, c, headers.get(c));
				ws.style(0, c).bold().fillColor("EEEEEE").set();
			}
			ws.freezePane(0, 1);
			int[] r = { 1 };
			rows.accept(cells -> {
				for (int c = 0; c < cells.length; c++) {
					Object v = cells[c];
					if (v == null) {
						continue;
					}
					if (v instanceof Number n) {
						ws.value(r[0], c, n);
					}
					else if (v instanceof java.time.Instant i) {
						ws.value(r[0], c, LocalDateTime.ofInstant(i, ZoneId.of("Asia/Shanghai")));
						ws.style(r[0], c).format("yyyy-mm-dd hh:mm:ss").set();
					}
					else {
						// text stays text: Excel must not turn an ID number into 1.10101E+17
						ws.value(r[0], c, v.toString());
					}
				}
				r[0]++;
				if (r[0] % 10_000 == 0) {
					try {
						ws.flush();
					}
					catch (IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				}
			});
			wb.finish();
		}
	}

}
