/**
 * Reading resident registers (台账) from .xlsx and .csv files for the registry import: a library of
 * plain classes without database access; {@link cn.shouwang.registry.importing.RegistryImport} is its
 * one bean.
 * <ol>
 * <li>{@link cn.shouwang.registry.importing.ImportFile} recognises the file by its content (xlsx,
 * CSV in UTF-8/UTF-16/GB18030; refuses .xls, encrypted workbooks, other types, files over 50 MB) and
 * streams the rows of the first visible sheet as {@link cn.shouwang.registry.importing.RawRow}s.</li>
 * <li>{@link cn.shouwang.registry.importing.HeaderDetector} finds the header under any title rows and
 * gives a {@link cn.shouwang.registry.importing.ColumnMapping}, which the user may correct.</li>
 * <li>{@link cn.shouwang.registry.importing.ImportReader} applies merged cells (address parts are
 * filled down, other merges reject their rows) and {@link cn.shouwang.registry.importing.RowValidator}
 * turns each row into a {@link cn.shouwang.registry.importing.PersonDraft} or every
 * {@link cn.shouwang.registry.importing.RowProblem} it has.</li>
 * <li>{@link cn.shouwang.registry.importing.ErrorWorkbook} writes the rejected rows, with a reason
 * column, as an .xlsx that can be corrected and imported again.</li>
 * <li>{@link cn.shouwang.registry.importing.ListRows} reads lists of people to look up rather than
 * register (assistance lists): any of 姓名, 身份证号, 联系电话 makes a header, rows come as read.</li>
 * </ol>
 * Everything streams: a million-row workbook is read with about 100 MB of heap (the shared strings
 * of a big workbook go to a memory-mapped temporary file).
 * <p>
 * A named interface of the registry module: other modules that read people's lists from files
 * (the key-person module's assistance lists) use the same reading, header detection and mapping.
 */
@org.springframework.modulith.NamedInterface("importing")
package cn.shouwang.registry.importing;
