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

	private final Node target;

	private final Map<Long, Node> byId = new HashMap<>();

	private final Map<String, List<Node>> buildingsByName = new HashMap<>();

	private final Map<String, List<Node>> gridsByName = new HashMap<>();

	Places(List<Node> descendants, Node target) {
		this.target = target;
		this.byId.put(target.id(), target);
		for (Node n : descendants) {
			this.byId.put(n.id(), n);
			if (n.level() == Level.BUILDING) {
				this.buildingsByName.computeIfAbsent(building(n.name()), k -> new ArrayList<>()).add(n);
			}
			else if (n.level() == Level.GRID) {
				this.gridsByName.computeIfAbsent(plain(n.name()), k -> new ArrayList<>()).add(n);
			}
		}
	}

	Home resolve(Location loc) {
		Node place;
		if (loc.building() != null) {
			List<Node> candidates = new ArrayList<>(this.buildingsByName.getOrDefault(building(loc.building()), List.of()));
			if (this.target.level() == Level.BUILDING && building(this.target.name()).equals(building(loc.building()))) {
				candidates.add(this.target);
			}
			candidates.removeIf(b -> !matches(b, loc));
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
			List<Node> grids = new ArrayList<>(this.gridsByName.getOrDefault(plain(loc.grid()), List.of()));
			if (this.target.level() == Level.GRID && plain(this.target.name()).equals(plain(loc.grid()))) {
				grids.add(this.target);
			}
			grids.removeIf(g -> loc.community() != null && !community(parent(g)).equals(community(loc.community())));
			if (grids.size() != 1) {
				return Home.problem(Field.GRID, grids.isEmpty() ? "import.gridNotFound" : "import.gridAmbiguous", loc.grid());
			}
			place = grids.get(0);
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
		String address = loc.address() != null ? loc.address()
				: place.name() + (unit == null ? "" : unit + "单元") + room + "室";
		String key = room != null ? key(place.path(), unit, room, null) : key(place.path(), null, null, loc.address());
		return new Home(key, place.path(), gridId, buildingId, unit, room, address, null, null, null);
	}

	static String key(String path, String unit, String room, String address) {
		return room != null ? path + "|" + (unit == null ? "" : unit) + "|" + room : path + "||@" + address;
	}

	private boolean matches(Node building, Location loc) {
		Node grid = parent(building);
		if (loc.grid() != null && (grid == null || !plain(grid.name()).equals(plain(loc.grid())))) {
			return false;
		}
		return loc.community() == null || (grid != null && community(parent(grid)).equals(community(loc.community())));
	}

	private Node parent(Node n) {
		return n == null || n.parentId() == null ? null : this.byId.get(n.parentId());
	}

	private static String community(Node n) {
		return n == null ? "" : community(n.name());
	}

	private static String community(String name) {
		return plain(name).replaceAll("(社区|村|居委会)$", "");
	}

	static String building(String name) {
		return plain(name).replaceAll("(号楼|号|栋|幢|楼)$", "");
	}

	private static String plain(String s) {
		return s == null ? "" : s.replaceAll("\\s", "");
	}

	private static String strip(String s, String suffix) {
		if (s == null || s.isBlank()) {
			return null;
		}
		String v = plain(s);
		return v.endsWith(suffix) ? v.substring(0, v.length() - suffix.length()) : v;
	}

}
