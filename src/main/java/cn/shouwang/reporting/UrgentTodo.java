package cn.shouwang.reporting;

import java.util.ArrayList;
import java.util.List;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.TodoCounter;

import org.springframework.stereotype.Component;

/** The home page's to-do: urgent reports to make (community), and to acknowledge (street). */
@Component
class UrgentTodo implements TodoCounter {

	private final UrgentReportService urgent;

	UrgentTodo(UrgentReportService urgent) {
		this.urgent = urgent;
	}

	@Override
	public List<Todo> todos(ShouwangPrincipal user) {
		if (!ReportPermissions.SEE.contains(user.role()) || user.role() == Role.GRID_WORKER) {
			return List.of();
		}
		List<UrgentReport> open = this.urgent.list(user, false);
		long toMake = open.stream().filter(r -> r.status() == UrgentReport.Status.OPEN).count();
		long toAcknowledge = open.stream()
			.filter(r -> r.status() == UrgentReport.Status.SUBMITTED && !r.path().equals(user.nodePath()))
			.count();
		List<Todo> todos = new ArrayList<>();
		if (toMake > 0) {
			todos.add(new Todo("todo.urgentOpen", toMake, "/reports/urgent"));
		}
		if (toAcknowledge > 0 && ReportPermissions.SUPERVISE.contains(user.role())) {
			todos.add(new Todo("todo.urgentAcknowledge", toAcknowledge, "/reports/urgent"));
		}
		return todos;
	}

}
