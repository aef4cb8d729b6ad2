package cn.shouwang.shared.web;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * QR codes for paper (PDF images) and screens (inline SVG): one encoder, so every code the
 * system prints scans the same way. Error correction M survives a crease or a smudge.
 */
public final class QrCodes {

	/** An 8-bit grey raster: black modules 0, white 255, row by row. */
	public record Grey(int width, int height, byte[] pixels) {
	}

	private QrCodes() {
	}

	public static Grey grey(String content, int pixels) {
		BitMatrix matrix = matrix(content, pixels);
		int w = matrix.getWidth();
		int h = matrix.getHeight();
		byte[] grey = new byte[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				grey[y * w + x] = (byte) (matrix.get(x, y) ? 0 : 255);
			}
		}
		return new Grey(w, h, grey);
	}

	/** A scalable SVG, one path of unit squares; fit it with CSS width. */
	public static String svg(String content) {
		BitMatrix matrix = matrix(content, 0);
		int w = matrix.getWidth();
		int h = matrix.getHeight();
		StringBuilder path = new StringBuilder(w * h * 4);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				if (matrix.get(x, y)) {
					path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
				}
			}
		}
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + h
				+ "\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
				+ "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
	}

	private static BitMatrix matrix(String content, int pixels) {
		try {
			return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, pixels, pixels,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2,
							EncodeHintType.CHARACTER_SET, "UTF-8"));
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("Content does not fit in a QR code", ex);
		}
	}

}
