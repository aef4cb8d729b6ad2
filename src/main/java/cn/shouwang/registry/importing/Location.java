package cn.shouwang.registry.importing;

/**
 * Where a person lives, as the row gives it (each part trimmed, null when the sheet has no such
 * column or the cell is empty). People with equal locations share a household.
 */
public record Location(String community, String grid, String building, String unit, String room, String address) {

	public boolean isEmpty() {
		return this.community == null && this.grid == null && this.building == null && this.unit == null
				&& this.room == null && this.address == null;
	}

}
