package cn.shouwang.registry.importing;

import java.util.List;

/**
 * The outcome for one data row: the row as read (with merged address cells filled in) and either the
 * person or every problem found.
 */
public record RowResult(RawRow row, PersonDraft person, List<RowProblem> problems) {

	public RowResult {
		problems = List.copyOf(problems);
		if ((person == null) == problems.isEmpty()) {
			throw new IllegalArgumentException("a row has either a person or problems");
		}
	}

	public boolean valid() {
		return this.person != null;
	}

	public int rowNumber() {
		return this.row.rowNumber();
	}

}
