package cn.shouwang.monitoring;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.lowagie.text.pdf.PRStream;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PRTokeniser;
import com.lowagie.text.pdf.PdfArray;
import com.lowagie.text.pdf.PdfContentParser;
import com.lowagie.text.pdf.PdfObject;
import com.lowagie.text.pdf.PdfString;
import cn.shouwang.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The release notice: issued with the release, a PDF in Chinese whose text names the person and
 * the dates and whose QR code decodes to the public verification page; that page tells genuine
 * from unknown or tampered codes and shows no health data.
 */
@IntegrationTest
class ReleaseNoticeTest {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.context.ApplicationContext context;

	/** The alert tests' helpers (a measure, a check stored with its event), on this test's beans. */
	private AlertTest alerts;

	@org.junit.jupiter.api.BeforeEach
	void helpers() {
		this.alerts = new AlertTest();
		this.context.getAutowireCapableBeanFactory().autowireBean(this.alerts);
	}

	@Test
	void aReleasedMeasureHasANoticeWhosePdfNamesThePersonAndWhoseQrCodeLeadsToTheVerificationPage() throws Exception {
		// the window (7 days from the day after the exposure) ends today; a normal check today makes it ready
		long measure = this.alerts.measure(7);
		long notices = count();
		this.alerts.call("grid", get("/api/v1/measures/" + measure + "/release-notice.pdf"), null)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("releaseNotice.notReleased"));
		this.alerts.check(measure, "38.6", List.of());
		this.alerts.call("grid", post("/api/v1/measures/" + measure + "/release"), null)
			.andExpect(jsonPath("$.errors[0].code").value("measure.notReady"));
		this.alerts.check(measure, "36.5", List.of());
		this.alerts.call("grid", post("/api/v1/measures/" + measure + "/release"), null)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("RELEASED"));
		assertThat(count()).isEqualTo(notices + 1);
		record Row(String code, String name, String maskedId) {
		}
		Row row = this.jdbc.sql("select code, person_name, masked_id_number from release_notice where measure_id = :m")
			.param("m", measure)
			.query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)))
			.single();
		assertThat(row.code()).matches("[A-Z2-7]{32}");
		assertThat(row.maskedId()).matches("\\d{3}\\*+\\d{3}[0-9X]");
		LocalDate today = LocalDate.now(MeasureTest.SHANGHAI);

		byte[] pdf = this.alerts.call("grid", get("/api/v1/measures/" + measure + "/release-notice.pdf"), null)
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/pdf"))
			.andReturn().getResponse().getContentAsByteArray();
		PdfReader reader = new PdfReader(pdf);
		String text = textOf(reader);
		assertThat(text).contains("解除隔离告知书", row.name(), row.maskedId(), DAY.format(today.minusDays(6)),
				DAY.format(today), "日常健康监测");
		assertThat(qrCodeOf(reader)).endsWith("/verify/" + row.code());
		// the page the UI links to gives the same document
		this.mvc.perform(get("/measures/" + measure + "/release-notice.pdf")
			.session(this.alerts.logins.session("community"))).andExpect(status().isOk())
			.andExpect(content().contentType("application/pdf"));

		// public: no login, the name masked, no health data
		String page = this.mvc.perform(get("/verify/" + row.code())).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("真实有效", cn.shouwang.shared.crypto.Masking.name(row.name()), today.toString())
			.doesNotContain(row.name(), "38.6", "体温", "告警");
		String tampered = (row.code().charAt(0) == 'A' ? "B" : "A") + row.code().substring(1);
		assertThat(this.mvc.perform(get("/verify/" + tampered)).andExpect(status().isNotFound())
			.andReturn().getResponse().getContentAsString()).contains("查无此告知书").doesNotContain("真实有效");
		this.mvc.perform(get("/verify/not-a-code")).andExpect(status().isNotFound());
	}

	/**
	 * The text drawn on the page. OpenPDF's PdfTextExtractor reads nothing of a CID font without a
	 * ToUnicode map, which STSong-Light (built into every reader, never embedded) has not; but its
	 * CMap UniGB-UCS2-H makes every string UCS-2, so the show-text operators decode directly.
	 */
	private static String textOf(PdfReader reader) throws Exception {
		PdfContentParser parser = new PdfContentParser(new PRTokeniser(reader.getPageContent(1)));
		List<PdfObject> operands = new java.util.ArrayList<>();
		StringBuilder text = new StringBuilder();
		while (!parser.parse(operands).isEmpty()) {
			String operator = operands.get(operands.size() - 1).toString();
			if (operator.equals("Tj") || operator.equals("'")) {
				text.append(ucs2(operands.get(0)));
			}
			else if (operator.equals("TJ")) {
				for (PdfObject part : ((PdfArray) operands.get(0)).getElements()) {
					text.append(ucs2(part));
				}
			}
		}
		return text.toString();
	}

	private static String ucs2(PdfObject string) {
		return string instanceof PdfString s ? new String(s.getBytes(), java.nio.charset.StandardCharsets.UTF_16BE) : "";
	}

	/** Decodes the QR code drawn on the page: the notice's only image, 8-bit grey. */
	private static String qrCodeOf(PdfReader reader) throws Exception {
		for (int i = 0; i < reader.getXrefSize(); i++) {
			if (reader.getPdfObject(i) instanceof PRStream stream && PdfName.IMAGE.equals(stream.get(PdfName.SUBTYPE))) {
				int w = stream.getAsNumber(PdfName.WIDTH).intValue();
				int h = stream.getAsNumber(PdfName.HEIGHT).intValue();
				byte[] grey = PdfReader.getStreamBytes(stream);
				int[] pixels = new int[w * h];
				for (int p = 0; p < pixels.length; p++) {
					int g = grey[p] & 0xff;
					pixels[p] = 0xff000000 | (g << 16) | (g << 8) | g;
				}
				return new QRCodeReader()
					.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels))))
					.getText();
			}
		}
		throw new AssertionError("no image in the notice");
	}

	private long count() {
		return this.jdbc.sql("select count(*) from release_notice").query(Long.class).single();
	}

}
