package cn.shouwang.keyperson;

import java.util.Locale;

/** A category of key person from the configurable list. */
public record KeyPersonCategory(String code, String nameZh, String nameEn, int sort, boolean active,
		boolean builtIn) {

	public static final String RISK_AREA_RETURNEE = "RISK_AREA_RETURNEE";

	public static final String SYMPTOMATIC = "SYMPTOMATIC";

	public static final String ASSISTANCE_LIST = "ASSISTANCE_LIST";

	public String name(Locale locale) {
		return "en".equals(locale.getLanguage()) ? this.nameEn : this.nameZh;
	}

}
