package cn.shouwang.jurisdiction;

/** The responsibility chain (四级包保) and the others named on a node. */
public enum Duty {

	DISTRICT_LEADER, STREET_LEADER, COMMUNITY_CADRE, PARTY_MEMBER, GRID_WORKER, MEDICAL_WORKER, POLICE_OFFICER,
	VOLUNTEER;

	public String messageKey() {
		return "duty." + name();
	}

}
