package cn.shouwang.jurisdiction;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a tree from an Excel sheet with one row per leaf: columns 街道, 社区, 网格, 楼栋 (any
 * subset below the caller's own level). Missing nodes are created, existing ones reused; an empty
 * cell repeats the value of the row above (that is how merged cells read). The
 * whole sheet is checked first; if any row is wrong nothing is written and every bad row is
 * reported with its reason.
 */
@Service
public class TreeImport {

	public record RowError(int row, String code, String value) {
	}

	public record Result(Map<Level, Integer> created, int rows, List<RowError> errors) {

		public boolean ok() {
			return this.errors.isEmpty();
		}

	}

	static final Map<Level, List<String>> HEADERS = Map.of(Level.STREET, List.of("街道", "街道/镇", "街镇", "乡镇", "镇", "街道(镇)"),
			Level.COMMUNITY, List.of("社区", "村", "社区/村", "社区(村)", "社区（村）", "村/社区"), Level.GRID,
			List.of("网格", "网格名称"), Level.BUILDING, List.of("楼栋", "楼号", "楼", "楼栋号"));

	private static final int MAX_ROWS = 50_000;

	private final JurisdictionService service;

	TreeImport(JurisdictionService service) {
		this.service = service;
	}

	@Transactional
	public Result importSheet(ShouwangPrincipal caller, long rootId, InputStream xlsx) {
		Node root = this.service.get(caller, rootId);
		JurisdictionService.requireManager(caller);
		List<List<String>> rows = read(xlsx);
		int headerIndex = -1;
		Map<Level, Integer> columns = new EnumMap<>(Level.class);
		for (int i = 0; i < Math.min(rows.size(), 10) && headerIndex < 0; i++) {
			Map<Level, Integer> found = headerColumns(rows.get(i));
			if (!found.isEmpty()) {
				headerIndex = i;
				columns.putAll(found);
			}
		}
		if (headerIndex < 0) {
			throw InvalidInputException.of("file", "import.noHeader");
		}
		columns.keySet().removeIf(level -> level.ordinal() <= root.level().ordinal());
		if (columns.isEmpty()) {
			throw InvalidInputException.of("file", "import.noColumnsBelow", root.name());
		}
		if (rows.size() - headerIndex - 1 > MAX_ROWS) {
			throw InvalidInputException.of("file", "import.tooManyRows", MAX_ROWS);
		}
		List<RowError> errors = new ArrayList<>();
		List<List<String>> chains = new ArrayList<>();
		List<Level> levels = new ArrayList<>(columns.keySet());
		Map<Level, String> above = new EnumMap<>(Level.class);
		for (int i = headerIndex + 1; i < rows.size(); i++) {
			List<String> row = rows.get(i);
			Map<Level, String> values = new EnumMap<>(Level.class);
			for (Level level : levels) {
				int col = columns.get(level);
				String value = col < row.size() ? row.get(col).strip() : "";
				if (!value.isEmpty()) {
					values.put(level, value);
				}
			}
			if (values.isEmpty()) {
				continue;
			}
			// an empty cell above the deepest filled one repeats the row above, as merged cells read
			Level deepest = levels.stream().filter(values::containsKey).reduce((a, b) -> b).orElseThrow();
			List<String> chain = new ArrayList<>();
			for (Level level : levels) {
				if (level.ordinal() > deepest.ordinal()) {
					break;
				}
				String value = values.getOrDefault(level, above.get(level));
				if (value == null) {
					errors.add(new RowError(i + 1, "import.missingParent", values.get(deepest)));
					chain = null;
					break;
				}
				InvalidInputException.Collector c = new InvalidInputException.Collector();
				JurisdictionService.checkName(c, value);
				if (c.has("name")) {
					errors.add(new RowError(i + 1, "import.badName", value));
					chain = null;
					break;
				}
				chain.add(value);
			}
			if (chain != null) {
				above.clear();
				for (int k = 0; k < chain.size(); k++) {
					above.put(levels.get(k), chain.get(k));
				}
				chains.add(chain);
			}
		}
		if (!errors.isEmpty()) {
			return new Result(Map.of(), chains.size(), errors);
		}
		Map<Level, Integer> created = new EnumMap<>(Level.class);
		Map<String, Long> known = new HashMap<>();
		for (List<String> chain : chains) {
			long parentId = root.id();
			StringBuilder key = new StringBuilder();
			for (String name : chain) {
				key.append('/').append(name);
				Long id = known.get(key.toString());
				if (id == null) {
					long pid = parentId;
					Node existing = this.service.childrenUnscoped(pid)
						.stream()
						.filter(n -> n.name().equals(name))
						.findFirst()
						.orElse(null);
					if (existing == null) {
						existing = this.service.createChild(caller, pid, name, null);
						created.merge(existing.level(), 1, Integer::sum);
					}
					id = existing.id();
					known.put(key.toString(), id);
				}
				parentId = id;
			}
		}
		return new Result(created, chains.size(), List.of());
	}

	static Map<Level, Integer> headerColumns(List<String> row) {
		Map<Level, Integer> found = new EnumMap<>(Level.class);
		for (int c = 0; c < row.size(); c++) {
			String h = row.get(c).replaceAll("\\s", "");
			for (Map.Entry<Level, List<String>> e : HEADERS.entrySet()) {
				if (e.getValue().contains(h)) {
					if (found.containsKey(e.getKey())) {
						throw InvalidInputException.of("file", "import.duplicateColumn", h);
					}
					found.put(e.getKey(), c);
				}
			}
		}
		return found;
	}

	private static List<List<String>> read(InputStream in) {
		try (ReadableWorkbook wb = new ReadableWorkbook(in)) {
			Sheet sheet = wb.getFirstSheet();
			List<List<String>> rows = new ArrayList<>();
			try (Stream<Row> stream = sheet.openStream()) {
				stream.forEach(r -> {
					List<String> cells = new ArrayList<>();
					for (int c = 0; c < r.getCellCount(); c++) {
						String text = r.getCellText(c);
						cells.add(text == null ? "" : text);
					}
					rows.add(cells);
				});
			}
			return rows;
		}
		catch (IOException | RuntimeException ex) {
			throw InvalidInputException.of("file", "import.notXlsx");
		}
	}

}
