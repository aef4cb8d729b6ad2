package cn.shouwang.registry.importing;

import java.util.List;

/**
 * What a column of a register can hold, with the header names offices use for it (compared after
 * {@link HeaderDetector#normaliseHeader}: no spaces, no asterisks, no parenthesised remarks) and
 * the longest value accepted.
 */
public enum Field {

	NAME(50, false, "姓名", "名字", "居民姓名", "人员姓名", "成员姓名", "家庭成员姓名", "住户姓名", "居住人姓名", "被登记人姓名"),
	ID_TYPE(30, false, "证件类型", "证件种类", "证件类别", "身份证件类型", "证件名称"),
	ID_NUMBER(40, false, "身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "证件号码", "证件号", "身份证件号码", "身份证件号",
			"居民身份证号", "居民身份证号码", "身份证", "身份号码", "证件编号"),
	PHONE(40, false, "联系电话", "手机号码", "电话", "手机号", "手机", "联系方式", "电话号码", "联系电话号码", "本人电话", "本人联系电话",
			"移动电话", "联系手机"),
	SEX(10, false, "性别"),
	BIRTH_DATE(30, false, "出生日期", "出生年月", "出生年月日", "生日"),
	ADDRESS(200, true, "住址", "现住址", "家庭住址", "居住地址", "现居住地址", "现居住地", "居住地", "详细地址", "地址", "现住地址"),
	COMMUNITY(100, true, "社区", "所属社区", "社区名称", "所在社区", "村", "社区/村", "村/社区", "村居", "村社区", "居委会"),
	GRID(100, true, "网格", "所属网格", "网格名称", "网格号", "所在网格", "网格编号"),
	BUILDING(100, true, "楼栋", "楼号", "楼栋号", "栋", "幢", "楼", "楼幢", "栋号", "幢号", "楼幢号"),
	UNIT(20, true, "单元", "单元号"),
	ROOM(20, true, "房号", "门牌号", "室", "房间号", "房屋号", "门牌", "户室号", "室号", "房间"),
	RELATION(20, false, "与户主关系", "与户主的关系", "户主关系", "关系"),
	RESIDENCE_TYPE(20, false, "人员类别", "居住类型", "人员类型", "人口类型", "人口类别", "居住性质", "人员属性"),
	WORK_PLACE(100, false, "工作单位", "单位", "就职单位", "单位名称", "工作单位或学校", "工作单位/学校", "学校/单位", "工作学习单位",
			"工作/学习单位", "服务处所"),
	TAGS(100, false, "标签", "特殊人群", "重点人群", "人员标签", "特殊人群类别", "重点人群类别", "特殊人群类型", "关爱对象"),
	NOTES(500, false, "备注", "说明", "其他");

	private final int maxLength;

	private final boolean fillDown;

	private final List<String> headerNames;

	Field(int maxLength, boolean fillDown, String... headerNames) {
		this.maxLength = maxLength;
		this.fillDown = fillDown;
		this.headerNames = List.of(headerNames);
	}

	/** The longest value accepted, in characters after trimming. */
	public int maxLength() {
		return this.maxLength;
	}

	/**
	 * Whether a vertically merged cell in this column means "the same for every row of the region"
	 * (the parts of an address: community, grid, building, unit, room, address). A merge anywhere
	 * else rejects the rows it covers.
	 */
	public boolean fillsDown() {
		return this.fillDown;
	}

	/** Header names recognised for this field, normalised. */
	public List<String> headerNames() {
		return this.headerNames;
	}

	/** The first header name: how the field is called in Chinese. */
	public String label() {
		return this.headerNames.get(0);
	}

	/** Key of the field's name in the message bundles. */
	public String messageKey() {
		return "import.field." + name();
	}

}
