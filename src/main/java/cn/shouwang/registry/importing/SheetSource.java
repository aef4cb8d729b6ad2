package cn.shouwang.registry.importing;

import java.io.Closeable;
import java.util.Iterator;

/**
 * The rows of one sheet, streamed: one row in memory at a time. Rows without any value may be left
 * out. Obtained from {@link ImportFile#openRows()}; close it when done.
 */
public interface SheetSource extends Iterator<RawRow>, Closeable {

	/** The merged regions of the sheet (none for CSV), known before the first row is read. */
	MergedRegions merges();

	@Override
	void close();

}
