package cn.shouwang.registry.importing;

import java.util.List;

/**
 * One row of the sheet as the file holds it: the row number as Excel shows it (1-based; for a CSV
 * file the record number), the cell texts by column (never null; "" for an empty cell), and notes
 * about cells that are not plain values. Numbers are given as Excel shows them without losing
 * digits (13812345678, not 1.38123E+10), cells formatted as dates as ISO yyyy-MM-dd.
 */
public record RawRow(int rowNumber, List<String> cells, List<CellNote> notes) {

	/** Something about one cell that its text does not tell. */
	public record CellNote(int column, Kind kind) {

	}

	public enum Kind {

		/** The cell holds a formula; its text is the value Excel last calculated, if it saved one. */
		FORMULA,
		/** A number cell (not text), so an ID number in it went through Excel's 15-digit precision. */
		NUMBER,
		/** An error value such as #N/A or #REF!. */
		ERROR,
		/** A CSV field whose opening quote is never closed: the file ends inside it. */
		UNTERMINATED

	}

	public RawRow {
		cells = List.copyOf(cells);
		notes = List.copyOf(notes);
	}

	public RawRow(int rowNumber, List<String> cells) {
		this(rowNumber, cells, List.of());
	}

	/** The text of a cell, "" beyond the last one. */
	public String cell(int column) {
		return column >= 0 && column < this.cells.size() ? this.cells.get(column) : "";
	}

	public boolean has(int column, Kind kind) {
		for (CellNote n : this.notes) {
			if (n.column() == column && n.kind() == kind) {
				return true;
			}
		}
		return false;
	}

	/** Whether every cell is empty or white space. */
	public boolean isBlank() {
		for (String c : this.cells) {
			if (!Text.isBlank(c)) {
				return false;
			}
		}
		return true;
	}

}
