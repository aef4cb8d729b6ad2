package cn.shouwang.checkpoint;

import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import cn.shouwang.shared.web.Messages;
import cn.shouwang.shared.web.QrCodes;

import org.springframework.stereotype.Component;

/**
 * Prints pass cards: eight to an A4 page (two across, four down), each with the holder's name,
 * masked ID number, household address, the last valid day and the QR code, cut along the borders.
 * The font is the built-in Adobe CJK STSong-Light, as on the release notice.
 */
@Component
public class PassCardsPdf {

	public static final int PER_PAGE = 8;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

	private static final float CARD_HEIGHT = 192;

	private final Messages messages;

	PassCardsPdf(Messages messages) {
		this.messages = messages;
	}

	public byte[] render(List<PassService.Card> cards, ZoneId zone) {
		try {
			BaseFont cjk = BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
			Font title = new Font(cjk, 16, Font.BOLD);
			Font body = new Font(cjk, 10);
			Font small = new Font(cjk, 8);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			Document doc = new Document(PageSize.A4, 24, 24, 24, 24);
			PdfWriter.getInstance(doc, out);
			doc.open();
			if (cards.isEmpty()) {
				doc.add(new Paragraph(m("pass.cards.none"), body));
			}
			else {
				PdfPTable grid = new PdfPTable(2);
				grid.setWidthPercentage(100);
				for (int i = 0; i < cards.size(); i++) {
					grid.addCell(card(cards.get(i), title, body, small));
					if (i % PER_PAGE == PER_PAGE - 1 || i == cards.size() - 1) {
						grid.completeRow();
						doc.add(grid);
						if (i < cards.size() - 1) {
							doc.newPage();
						}
						grid = new PdfPTable(2);
						grid.setWidthPercentage(100);
					}
				}
			}
			doc.close();
			return out.toByteArray();
		}
		catch (DocumentException | java.io.IOException ex) {
			throw new IllegalStateException("Pass cards could not be drawn", ex);
		}
	}

	private PdfPCell card(PassService.Card c, Font title, Font body, Font small) throws DocumentException {
		PdfPTable inner = new PdfPTable(new float[] { 3, 2 });
		inner.setWidthPercentage(100);
		PdfPCell text = new PdfPCell();
		text.setBorder(Rectangle.NO_BORDER);
		Paragraph head = new Paragraph(m("pass.cards.title"), title);
		head.setSpacingAfter(8);
		text.addElement(head);
		for (String line : new String[] { m("pass.cards.name", c.name()),
				m("pass.cards.idNumber", c.maskedIdNumber() == null ? "—" : c.maskedIdNumber()),
				m("pass.cards.address", c.address() == null ? "—" : c.address()),
				m("pass.cards.validUntil", DAY.format(c.validUntil())) }) {
			Paragraph p = new Paragraph(line, body);
			p.setLeading(15);
			text.addElement(p);
		}
		Paragraph note = new Paragraph(m("pass.cards.note"), small);
		note.setSpacingBefore(6);
		text.addElement(note);
		inner.addCell(text);
		QrCodes.Grey g = QrCodes.grey(c.code(), 300);
		Image qr = Image.getInstance(g.width(), g.height(), 1, 8, g.pixels());
		qr.scaleAbsolute(104, 104);
		PdfPCell code = new PdfPCell(qr, false);
		code.setBorder(Rectangle.NO_BORDER);
		code.setHorizontalAlignment(Element.ALIGN_CENTER);
		code.setVerticalAlignment(Element.ALIGN_MIDDLE);
		inner.addCell(code);
		PdfPCell cell = new PdfPCell(inner);
		cell.setFixedHeight(CARD_HEIGHT);
		cell.setPadding(10);
		cell.setBorderWidth(0.5f);
		cell.setBorderColor(java.awt.Color.GRAY);
		return cell;
	}

	private String m(String key, Object... args) {
		return this.messages.get(Locale.SIMPLIFIED_CHINESE, key, args);
	}

}
