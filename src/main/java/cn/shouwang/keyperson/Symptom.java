package cn.shouwang.keyperson;

import java.util.Locale;

/** The symptoms asked about at the door and in health checks (DOMAIN rules: escalate on any). */
public enum Symptom {

	FEVER, DRY_COUGH, FATIGUE, SORE_THROAT, LOSS_OF_SMELL_OR_TASTE, DIARRHOEA, OTHER;

	public String messageKey() {
		return "symptom." + name();
	}

	/** Parses a list sent by a form or client; an unknown name is refused by the caller's validation. */
	public static Symptom parse(String value) {
		return valueOf(value.strip().toUpperCase(Locale.ROOT));
	}

}
