package cn.shouwang.shared.report;

import java.util.Locale;

/**
 * What a figure is: its code (unique across modules, prefixed by the module, e.g.
 * {@code monitoring.released}), whether it counts what happened on the day or what stands at the
 * end of it, where it goes among the report's columns, and its label as a message key with an
 * optional argument (for figures made per configurable value, such as key-person categories).
 *
 * @param code      unique code, {@code module.name[.value]}
 * @param kind      EVENT: something of note that happened during the day (a new key person, an
 *                  alert, a turn-back) — a zero report says there were none, so it needs every
 *                  EVENT at zero; COUNT: routine work of the day (checks done, passages, visits);
 *                  STOCK: what stands at the end of the day; RATIO: a percentage of two other
 *                  figures, computed after summing (never contributed as a value)
 * @param order     position among the report's columns (modules take hundreds: 100 registry, 200
 *                  key persons, 300 measures, 400 survey, 500 checkpoints, 600 services)
 * @param messageKey the label's message key; {0} is replaced by the argument in the reader's language
 * @param argZh     the label's argument in Chinese, or null
 * @param argEn     the label's argument in English, or null
 * @param numerator for RATIO: the code of the numerator
 * @param denominator for RATIO: the code of the denominator
 */
public record FigureDef(String code, Kind kind, int order, String messageKey, String argZh, String argEn,
		String numerator, String denominator) {

	public enum Kind {

		EVENT, COUNT, STOCK, RATIO

	}

	public static FigureDef event(String code, int order, String messageKey) {
		return new FigureDef(code, Kind.EVENT, order, messageKey, null, null, null, null);
	}

	public static FigureDef count(String code, int order, String messageKey) {
		return new FigureDef(code, Kind.COUNT, order, messageKey, null, null, null, null);
	}

	public static FigureDef stock(String code, int order, String messageKey) {
		return new FigureDef(code, Kind.STOCK, order, messageKey, null, null, null, null);
	}

	public static FigureDef ratio(String code, int order, String messageKey, String numerator, String denominator) {
		return new FigureDef(code, Kind.RATIO, order, messageKey, null, null, numerator, denominator);
	}

	/** The same figure with a label argument (a category's name, say) in both languages. */
	public FigureDef withArg(String zh, String en) {
		return new FigureDef(this.code, this.kind, this.order, this.messageKey, zh, en, this.numerator, this.denominator);
	}

	/** The label argument in the reader's language. */
	public String arg(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage()) && this.argEn != null ? this.argEn : this.argZh;
	}

}
