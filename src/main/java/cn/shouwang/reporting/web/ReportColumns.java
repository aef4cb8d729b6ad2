package cn.shouwang.reporting.web;

import java.util.List;
import java.util.Map;

import cn.shouwang.reporting.FigureCatalogue;
import cn.shouwang.reporting.NodeReport;
import cn.shouwang.shared.report.FigureDef;
import cn.shouwang.shared.web.Messages;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The report's columns in the reader's language, and the value to show in each. */
@Component
class ReportColumns {

	private final Messages messages;

	ReportColumns(Messages messages) {
		this.messages = messages;
	}

	List<NodeReport.Column> columns(List<FigureDef> defs) {
		return defs.stream()
			.map(d -> new NodeReport.Column(d.code(), d.kind().name(), label(d), d.argZh() != null, d.numerator(),
					d.denominator()))
			.toList();
	}

	String label(FigureDef d) {
		String arg = d.arg(LocaleContextHolder.getLocale());
		return arg == null ? this.messages.get(d.messageKey()) : this.messages.get(d.messageKey(), arg);
	}

	static Object value(FigureDef d, Map<String, Long> values) {
		Long v = FigureCatalogue.value(d, values);
		if (d.kind() == FigureDef.Kind.RATIO) {
			return v == null ? "—" : v + "%";
		}
		return v;
	}

}
