package cn.shouwang.keyperson;

public enum RiskLevel {

	HIGH, MEDIUM;

	public String messageKey() {
		return "riskArea.level." + name();
	}

}
