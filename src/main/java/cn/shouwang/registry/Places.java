package cn.shouwang.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.shouwang.jurisdiction.Level;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.registry.importing.Field;
import cn.shouwang.registry.importing.Location;

/**
 * Finds the building (or grid) of an imported row from the names in it: 楼栋 under the import's
 * target node, narrowed by 网格 and 社区 when the sheet has them. Names are compared loosely the
 * way people write them: "3", "3号楼", "3栋" and "3幢" are the same building; "百园" and
 * "百园社区" the same community.
 */
final class Places {

	/** Where a row's household is, or why it cannot be placed. */
	record Home(String key, String path, long gridId, Long buildingId, String unit, String room, String address,
			Field field, String problem, String argument) {

		static Home problem(Field field, String problem, String argument) {
			return new Home(null, null, 0, null, null, null, null, field, problem, argument);
		}

	}

	private static final java.util.regex.Pattern SPACE = java.util.regex.Pattern.compile("[\\s\\u3000]");

	private static final java.util.regex.Pattern COMMUNITY_SUFFIX = java.util.regex.Pattern.compile("(社区|村|居委会)$");

	private static final java.util.regex.Pattern BUILDING_SUFFIX = java.util.regex.Pattern.compile("(号楼|号|栋|幢|楼)$");

	private final Node target;

	/** Buildings by normalised "community|grid|building", with "" for a level the row leaves out. */
	private final Map<String, List<Node>> buildings = new HashMap<>();

	/** The community name a building's households are addressed under. */
	private final Map<Long, String> communityOf = new HashMap<>();

	/** Grids by normalised "community|grid", with "" for the community. */
	private final Map<String, List<Node>> grids = new HashMap<>();

	Places(List<Node> descendants, Node target) {
		this.target = target;
		Map<Long, Node> byId = new HashMap<>();
		byId.put(target.id(), target);
		descendants.forEach(n -> byId.put(n.id(), n));
		List<Node> all = new ArrayList<>(descendants);
		all.add(target);
		for (Node n : all) {
			Node parent = n.parentId() == null ? null : byId.get(n.parentId());
			if (n.level() == Level.BUILDING) {
				Node grandparent = parent == null || parent.parentId() == null ? null : byId.get(parent.parentId());
				String b = building(n.name());
				String g = parent == null ? "" : plain(parent.name());
				String c = grandparent == null ? "" : community(grandparent.name());
				this.communityOf.put(n.id(), grandparent == null ? "" : grandparent.name());
				for (String key : List.of(c + "|" + g + "|" + b, "|" + g + "|" + b, c + "||" + b, "||" + b)) {
					this.buildings.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
				}
			}
			else if (n.level() == Level.GRID) {
				String g = plain(n.name());
				String c = parent == null ? "" : community(parent.name());
				for (String key : List.of(c + "|" + g, "|" + g)) {
					this.grids.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
				}
			}
		}
	}

	Home resolve(Location loc) {
		String c = loc.community() == null ? "" : community(loc.community());
		String g = loc.grid() == null ? "" : plain(loc.grid());
		Node place;
		if (loc.building() != null) {
			List<Node> candidates = this.buildings.getOrDefault(c + "|" + g + "|" + building(loc.building()), List.of());
			if (candidates.isEmpty()) {
				return Home.problem(Field.BUILDING, "import.buildingNotFound", loc.building());
			}
			if (candidates.size() > 1) {
				return Home.problem(Field.BUILDING, "import.buildingAmbiguous", loc.building());
			}
			place = candidates.get(0);
		}
		else if (this.target.level() == Level.BUILDING) {
			place = this.target;
		}
		else if (loc.grid() != null) {
			List<Node> found = this.grids.getOrDefault(c + "|" + g, List.of());
			if (found.size() != 1) {
				return Home.problem(Field.GRID, found.isEmpty() ? "import.gridNotFound" : "import.gridAmbiguous", loc.grid());
			}
			place = found.get(0);
		}
		else if (this.target.level() == Level.GRID) {
			place = this.target;
		}
		else {
			return Home.problem(Field.BUILDING, "import.noBuilding", null);
		}
		String unit = strip(loc.unit(), "单元");
		String room = strip(loc.room(), "室");
		if (room == null && loc.address() == null) {
			return Home.problem(Field.ROOM, "import.noHousehold", null);
		}
		long gridId = place.level() == Level.GRID ? place.id() : place.parentId();
		Long buildingId = place.level() == Level.BUILDING ? place.id() : null;
		// the same address a household made by hand gets: community, building, unit, room
		String address = loc.address() != null ? loc.address()
				: this.communityOf.getOrDefault(place.id(), "") + place.name() + (unit == null ? "" : unit + "单元") + room
						+ "室";
		String key = room != null ? key(place.path(), unit, room, null) : key(place.path(), null, null, loc.address());
		return new Home(key, place.path(), gridId, buildingId, unit, room, address, null, null, null);
	}

	static String key(String path, String unit, String room, String address) {
		return room != null ? path + "|" + (unit == null ? "" : unit) + "|" + room : path + "||@" + address;
	}

	private static String community(String name) {
		return COMMUNITY_SUFFIX.matcher(plain(name)).replaceAll("");
	}

	static String building(String name) {
		return BUILDING_SUFFIX.matcher(plain(name)).replaceAll("");
	}

	private static String plain(String s) {
		return s == null ? "" : s.indexOf(' ') < 0 && s.indexOf('\u3000') < 0 && s.indexOf('\t') < 0 ? s
				: SPACE.matcher(s).replaceAll("");
	}

	private static String strip(String s, String suffix) {
		if (s == null || s.isBlank()) {
			return null;
		}
		String v = plain(s);
		return v.endsWith(suffix) ? v.substring(0, v.length() - suffix.length()) : v;
	}

}
