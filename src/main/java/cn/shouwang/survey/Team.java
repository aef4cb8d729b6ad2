package cn.shouwang.survey;

import java.util.List;

/** A survey team of a round, its members and the grids it knocks on. */
public record Team(long id, long campaignId, String name, List<Member> members, List<Grid> grids) {

	public record Member(long userId, String displayName) {
	}

	public record Grid(long gridId, String name) {
	}

}
