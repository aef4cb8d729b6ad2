package cn.shouwang.registry;

/** 常住 permanent, 流动 migrant, 租户 tenant. */
public enum ResidenceType {

	PERMANENT, MIGRANT, TENANT;

	public String messageKey() {
		return "residenceType." + name();
	}

}
