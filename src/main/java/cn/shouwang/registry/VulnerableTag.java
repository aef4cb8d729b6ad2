package cn.shouwang.registry;

/** Groups who get proactive service (DOMAIN §2): 独居老人, 残疾, 慢性病, 孕妇, 婴幼儿. */
public enum VulnerableTag {

	ELDERLY_ALONE, DISABLED, CHRONIC_ILLNESS, PREGNANT, INFANT;

	public String messageKey() {
		return "tag." + name();
	}

}
