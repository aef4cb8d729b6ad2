package cn.shouwang.checkpoint.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.checkpoint.PassageLogFilter;
import cn.shouwang.checkpoint.PassageLogService;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.web.Messages;
import cn.shouwang.shared.web.XlsxExport;

import org.springframework.stereotype.Component;

/** The passage log as an .xlsx download, written row by row while the query streams. */
@Component
class PassageLogExport {

	private final PassageLogService passages;

	private final Messages messages;

	PassageLogExport(PassageLogService passages, Messages messages) {
		this.passages = passages;
		this.messages = messages;
	}

	void write(ShouwangPrincipal me, PassageLogFilter filter, HttpServletResponse response) throws IOException {
		// the role is checked before the download starts, so a refusal is a page, not a broken file
		this.passages.checkExport(me);
		List<String> headers = List.of(m("passageLog.at"), m("passageLog.checkpoint"), m("passageLog.direction"),
				m("passageLog.kind"), m("passageLog.name"), m("passageLog.personId"), m("passageLog.visitorPhone"),
				m("passageLog.visitorReason"), m("passageLog.hostHousehold"), m("passageLog.temperature"),
				m("passageLog.fever"), m("passageLog.decision"), m("passageLog.reason"), m("passageLog.plate"));
		XlsxExport.write(response, m("passageLog.title"), "passages", headers,
				sink -> this.passages.forEach(me, filter, r -> sink.row(r.at(), r.checkpointName(),
						m("passageLog.direction." + r.direction()),
						m(r.visitor() ? "passageLog.kind.visitor" : "passageLog.kind.resident"), r.name(), r.personId(),
						r.visitorPhone(), r.visitorReason(), r.hostHouseholdId(), r.temperature(),
						r.fever() ? m("yes") : null, m("passageLog.decision." + r.decision()), r.reason(), r.plate())));
	}

	private String m(String key) {
		return this.messages.get(key);
	}

}
