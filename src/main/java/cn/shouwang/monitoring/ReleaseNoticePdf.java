package cn.shouwang.monitoring;

import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;

import cn.shouwang.shared.web.Messages;
import cn.shouwang.shared.web.QrCodes;

import org.springframework.stereotype.Component;

/**
 * Draws the release notice: an A4 page in Chinese with the person, the measure, the period, the
 * release date, the issuing unit and a QR code of the verification address. The font is the
 * Adobe CJK font STSong-Light that every PDF reader has built in (OpenPDF ships its CMaps), so
 * no font file has to exist on the server.
 */
@Component
class ReleaseNoticePdf {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

	/** Pixels of the QR image; drawn without interpolation, so its modules stay sharp at any size. */
	private static final int QR_PIXELS = 240;

	private final Messages messages;

	ReleaseNoticePdf(Messages messages) {
		this.messages = messages;
	}

	byte[] render(ReleaseNotices.Notice n, String verifyUrl, ZoneId zone) {
		try {
			BaseFont cjk = BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
			Font title = new Font(cjk, 22, Font.BOLD);
			Font body = new Font(cjk, 13);
			Font small = new Font(cjk, 10);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			Document doc = new Document(PageSize.A4, 64, 64, 72, 64);
			PdfWriter.getInstance(doc, out);
			doc.open();
			Paragraph head = new Paragraph(m("releaseNotice.title"), title);
			head.setAlignment(Element.ALIGN_CENTER);
			head.setSpacingAfter(28);
			doc.add(head);
			String types = n.types().stream().map(t -> m(t.messageKey())).collect(Collectors.joining(" + "));
			String idPart = n.maskedIdNumber() == null ? "" : m("releaseNotice.idNumber", n.maskedIdNumber());
			Paragraph text = new Paragraph(m("releaseNotice.body", n.name(), idPart, DAY.format(n.startsOn()),
					DAY.format(n.endsOn()), types, DAY.format(n.releasedOn())), body);
			text.setLeading(26);
			text.setFirstLineIndent(26);
			doc.add(text);
			for (String[] line : new String[][] { { "releaseNotice.name", n.name() },
					{ "releaseNotice.idNumberLabel", n.maskedIdNumber() == null ? "—" : n.maskedIdNumber() },
					{ "releaseNotice.type", types },
					{ "releaseNotice.period", DAY.format(n.startsOn()) + " — " + DAY.format(n.endsOn()) },
					{ "releaseNotice.releasedOn", DAY.format(n.releasedOn()) } }) {
				Paragraph p = new Paragraph(m(line[0]) + "：" + line[1], body);
				p.setLeading(24);
				doc.add(p);
			}
			Image qr = qr(verifyUrl);
			qr.scaleAbsolute(120, 120);
			qr.setAlignment(Element.ALIGN_RIGHT);
			qr.setSpacingBefore(20);
			doc.add(qr);
			Paragraph scan = new Paragraph(m("releaseNotice.scan", n.code()), small);
			scan.setAlignment(Element.ALIGN_RIGHT);
			doc.add(scan);
			Paragraph issuer = new Paragraph(n.issuer() == null ? "" : n.issuer(), body);
			issuer.setAlignment(Element.ALIGN_RIGHT);
			issuer.setSpacingBefore(24);
			doc.add(issuer);
			Paragraph date = new Paragraph(DAY.format(n.issuedAt().atZone(zone).toLocalDate()), body);
			date.setAlignment(Element.ALIGN_RIGHT);
			doc.add(date);
			doc.close();
			return out.toByteArray();
		}
		catch (DocumentException | java.io.IOException ex) {
			throw new IllegalStateException("Release notice could not be drawn", ex);
		}
	}

	/** The QR code as an 8-bit grey image, drawn without interpolation. */
	static Image qr(String content) throws DocumentException {
		QrCodes.Grey g = QrCodes.grey(content, QR_PIXELS);
		return Image.getInstance(g.width(), g.height(), 1, 8, g.pixels());
	}

	private String m(String key, Object... args) {
		return this.messages.get(Locale.SIMPLIFIED_CHINESE, key, args);
	}

}
