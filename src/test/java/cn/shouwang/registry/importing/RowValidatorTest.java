package cn.shouwang.registry.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.shouwang.registry.IdType;
import cn.shouwang.registry.ResidenceType;
import cn.shouwang.registry.VulnerableTag;

import static cn.shouwang.registry.importing.TestFiles.id;
import static org.assertj.core.api.Assertions.assertThat;

class RowValidatorTest {

	private static final List<String> HEADERS = List.of("姓名", "证件类型", "身份证号", "联系电话", "性别", "出生日期", "社区", "网格",
			"楼栋", "单元", "房号", "住址", "与户主关系", "人员类别", "工作单位", "特殊人群", "备注");

	private static final RowValidator VALIDATOR = new RowValidator(ColumnMapping.of(1, 1, HEADERS));

	private static final String ZHANG = id("19800101", 11);

	private static RowResult validate(Map<String, String> values) {
		List<String> cells = new ArrayList<>(Arrays.asList(new String[HEADERS.size()]));
		for (int i = 0; i < cells.size(); i++) {
			cells.set(i, values.getOrDefault(HEADERS.get(i), ""));
		}
		return VALIDATOR.validate(new RawRow(2, cells));
	}

	private static List<String> problems(Map<String, String> values) {
		return validate(values).problems().stream().map(RowProblem::messageKey).toList();
	}

	@Test
	void aFullRow() {
		RowResult r = validate(Map.ofEntries(Map.entry("姓名", " 张　三 "), Map.entry("证件类型", "居民身份证"),
				Map.entry("身份证号", ZHANG.toLowerCase()), Map.entry("联系电话", "138 1234 5678"), Map.entry("性别", "男"),
				Map.entry("出生日期", "1980年1月1日"), Map.entry("社区", "XX社区"), Map.entry("网格", "第一网格"),
				Map.entry("楼栋", "３号楼"), Map.entry("单元", "2单元"), Map.entry("房号", "301"), Map.entry("住址", "XX路1号\n3号楼"),
				Map.entry("与户主关系", "户主"), Map.entry("人员类别", "户籍人口"), Map.entry("工作单位", "XX小学"),
				Map.entry("特殊人群", "残疾人；孕产妇 婴儿"), Map.entry("备注", "无")));
		assertThat(r.problems()).isEmpty();
		PersonDraft p = r.person();
		assertThat(p.name()).isEqualTo("张三");
		assertThat(p.idType()).isEqualTo(IdType.RESIDENT_ID);
		assertThat(p.idNumber()).isEqualTo(ZHANG);
		assertThat(p.phone()).isEqualTo("13812345678");
		assertThat(p.sex()).isEqualTo('M');
		assertThat(p.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
		assertThat(p.location()).isEqualTo(new Location("XX社区", "第一网格", "3号楼", "2单元", "301", "XX路1号 3号楼"));
		assertThat(p.relation()).isEqualTo("户主");
		assertThat(p.residenceType()).isEqualTo(ResidenceType.PERMANENT);
		assertThat(p.workPlace()).isEqualTo("XX小学");
		assertThat(p.tags()).containsExactlyInAnyOrder(VulnerableTag.DISABLED, VulnerableTag.PREGNANT, VulnerableTag.INFANT);
		assertThat(p.notes()).isEqualTo("无");
	}

	@Test
	void listsEveryProblemOfTheRow() {
		assertThat(problems(Map.of("姓名", "12345", "身份证号", "1.10101E+17", "联系电话", "123", "性别", "未知", "出生日期",
				"2020-13-45", "人员类别", "常驻户", "特殊人群", "独居、低保", "楼栋", "3/4号楼")))
			.containsExactly("import.row.nameInvalid", "idnumber.SCIENTIFIC_NOTATION", "import.row.sex", "import.row.date",
					"import.row.phone", "import.row.residenceType", "import.row.tag", "import.row.slash");
		assertThat(problems(Map.of())).containsExactly("import.row.required", "import.row.required");
	}

	@Test
	void namesTheOffendingValues() {
		RowResult r = validate(Map.of("姓名", "张三", "身份证号", ZHANG, "特殊人群", "独居，低保，困难户", "出生日期", "1/2/1980"));
		assertThat(r.problems()).extracting(RowProblem::arguments)
			.containsExactly(List.of("出生日期", "1/2/1980"), List.of("低保、困难户"));
	}

	@Test
	void readsTheIdTypes() {
		assertThat(validate(Map.of("姓名", "Anna", "证件类型", "护照", "身份证号", "e1234567 8")).person().idNumber())
			.isEqualTo("E12345678");
		assertThat(validate(Map.of("姓名", "陈大文", "证件类型", "港澳居民来往内地通行证", "身份证号", "H12345678")).person().idType())
			.isEqualTo(IdType.HK_MACAO_PERMIT);
		assertThat(validate(Map.of("姓名", "林志明", "证件类型", "台胞证", "身份证号", "12345678")).person().idType())
			.isEqualTo(IdType.TAIWAN_PERMIT);
		String hmt = "81000019800101001";
		hmt += cn.shouwang.shared.ChineseIdNumber.checkCharacter(hmt);
		PersonDraft p = validate(Map.of("姓名", "陈大文", "证件类型", "港澳台居民居住证", "身份证号", hmt)).person();
		assertThat(p.idType()).isEqualTo(IdType.HMT_RESIDENCE_PERMIT);
		assertThat(p.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
		assertThat(problems(Map.of("姓名", "张三", "证件类型", "军官证", "身份证号", "123"))).containsExactly("import.row.idType");
		assertThat(problems(Map.of("姓名", "Anna", "证件类型", "护照", "身份证号", "E-1"))).containsExactly("idnumber.FORMAT_PASSPORT");
	}

	@Test
	void sexAndBirthDateMustAgreeWithTheIdNumber() {
		assertThat(problems(Map.of("姓名", "张三", "身份证号", ZHANG, "性别", "女", "出生日期", "1980-01-02")))
			.containsExactly("import.row.sexConflict", "import.row.birthConflict");
		assertThat(problems(Map.of("姓名", "张三", "身份证号", ZHANG, "性别", "男性", "出生日期", "19800101"))).isEmpty();
		assertThat(problems(Map.of("姓名", "Anna", "证件类型", "护照", "身份证号", "E12345678", "出生日期", "2099-01-01")))
			.containsExactly("import.row.dateRange");
	}

	@Test
	void readsTheUsualDateForms() {
		LocalDate d = LocalDate.of(2020, 1, 2);
		for (String s : List.of("2020-01-02", "2020/1/2", "2020.1.2", "20200102", "2020年1月2日", "2020年01月02号",
				"2020-01-02 00:00:00", "2020-1-2T08:00")) {
			assertThat(RowValidator.parseDate(s)).as(s).isEqualTo(d);
		}
		for (String s : List.of("2020-02-30", "1/2/2020", "2020-1", "2020年1月", "20201301", "2020-01-02-03", "2020/01-02",
				"二〇二〇年一月二日", "x")) {
			assertThat(RowValidator.parseDate(s)).as(s).isNull();
		}
	}

	@Test
	void phones() {
		for (String ok : List.of("13812345678", "13812345678.0", "+86 138 1234 5678", "8613812345678", "138-1234-5678",
				"010-12345678", "0755 12345678", "１３８１２３４５６７８")) {
			assertThat(problems(Map.of("姓名", "张三", "身份证号", ZHANG, "联系电话", ok))).as(ok).isEmpty();
		}
		assertThat(validate(Map.of("姓名", "张三", "身份证号", ZHANG, "联系电话", "0755 12345678")).person().phone())
			.isEqualTo("075512345678");
		assertThat(problems(Map.of("姓名", "张三", "身份证号", ZHANG, "联系电话", "13812345678/13912345678")))
			.containsExactly("import.row.phoneMultiple");
		assertThat(problems(Map.of("姓名", "张三", "身份证号", ZHANG, "联系电话", "12345678"))).containsExactly("import.row.phone");
	}

	@Test
	void residenceTypesAndTags() {
		Map<String, ResidenceType> types = Map.of("常住", ResidenceType.PERMANENT, "本地", ResidenceType.PERMANENT, "流动人口",
				ResidenceType.MIGRANT, "外来", ResidenceType.MIGRANT, "暂住", ResidenceType.MIGRANT, "租户", ResidenceType.TENANT,
				"租住", ResidenceType.TENANT, "出租", ResidenceType.TENANT, "", ResidenceType.PERMANENT);
		types.forEach((text, type) -> assertThat(
				validate(Map.of("姓名", "张三", "身份证号", ZHANG, "人员类别", text)).person().residenceType())
			.as(text)
			.isEqualTo(type));
		assertThat(validate(Map.of("姓名", "张三", "身份证号", ZHANG, "特殊人群", "独居,慢病;孕妇 婴幼儿")).person().tags())
			.containsExactlyInAnyOrder(VulnerableTag.ELDERLY_ALONE, VulnerableTag.CHRONIC_ILLNESS, VulnerableTag.PREGNANT,
					VulnerableTag.INFANT);
		assertThat(validate(Map.of("姓名", "张三", "身份证号", ZHANG, "特殊人群", "无")).person().tags()).isEmpty();
	}

	@Test
	void overLongValuesNameTheLimit() {
		RowResult r = validate(Map.of("姓名", "张".repeat(51), "身份证号", ZHANG, "备注", "x".repeat(501)));
		assertThat(r.problems()).extracting(RowProblem::messageKey).containsExactly("import.row.tooLong", "import.row.tooLong");
		assertThat(r.problems()).extracting(RowProblem::arguments)
			.containsExactly(List.of("姓名", 50), List.of("备注", 500));
	}

	@Test
	void keepsForeignNamesAsWritten() {
		assertThat(validate(Map.of("姓名", "John  Smith", "证件类型", "护照", "身份证号", "E12345678")).person().name())
			.isEqualTo("John Smith");
		assertThat(validate(Map.of("姓名", "阿不都·热合曼", "身份证号", ZHANG)).person().name()).isEqualTo("阿不都·热合曼");
	}

	@Test
	void precisionLossIsOnlyAssumedForNumberCells() {
		assertThat(RowValidator.lostDigits("110105194912310000")).isTrue();
		assertThat(RowValidator.lostDigits("110105194912312000")).isTrue();
		assertThat(RowValidator.lostDigits("110105194912312300")).isFalse();
		assertThat(RowValidator.lostDigits("123456789012345")).isFalse();
	}

}
