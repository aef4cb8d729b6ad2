package cn.shouwang.shared.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Resolves message keys in the current request's language. */
@Component
public class Messages {

	private final MessageSource source;

	public Messages(MessageSource source) {
		this.source = source;
	}

	public String get(String code, Object... args) {
		return this.source.getMessage(code, args, code, LocaleContextHolder.getLocale());
	}

	public String get(Locale locale, String code, Object... args) {
		return this.source.getMessage(code, args, code, locale);
	}

}
