package cn.shouwang.registry.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import cn.shouwang.shared.ChineseIdNumber;

/**
 * A register as offices keep it, of any size: a title row, a header, households of three (楼栋,
 * 单元 and 房号 merged over the household), ID numbers as text, phones as numbers, birth dates as
 * date cells. Every {@value #BAD_EVERY}th person has a wrong check digit.
 */
final class RegisterGenerator {

	static final int BAD_EVERY = 100;

	static final String[] HEADER = { "序号", "姓名", "身份证号", "联系电话", "性别", "出生日期", "社区", "网格", "楼栋", "单元", "房号",
			"与户主关系", "人员类别", "特殊人群", "备注" };

	private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
			"林", "何", "郭", "马", "罗" };

	private static final String[] GIVEN = { "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
			"明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "志强", "玉兰", "建国" };

	private static final String[] RELATIONS = { "户主", "配偶", "子" };

	private static final String[] TYPES = { "常住", "流动", "租户", "户籍" };

	private RegisterGenerator() {
	}

	static String id(int person) {
		LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(person % 29_000);
		// unique for 29 million people, like real ID numbers
		String first17 = String.format("110105%s%03d", birth.toString().replace("-", ""), person / 29_000 % 999 + 1);
		char check = ChineseIdNumber.checkCharacter(first17);
		if (person % BAD_EVERY == BAD_EVERY - 1) {
			check = check == '0' ? '1' : '0';
		}
		return first17 + check;
	}

	static String name(int person) {
		return SURNAMES[person % SURNAMES.length] + GIVEN[(person / 7) % GIVEN.length];
	}

	static long expectedRejected(int persons) {
		return persons / BAD_EVERY;
	}

	/** Writes the register of {@code persons} people (rows 3 onwards; the header is row 2). */
	static void write(OutputStream out, int persons) {
		write(out, persons, true);
	}

	/**
	 * Writes the register; when not {@code full}, without the columns 序号, 性别 and 出生日期 (the ID
	 * number tells them), as a million people only fit within the 50 MB limit that way.
	 */
	static void write(OutputStream out, int persons, boolean full) {
		try {
			Workbook wb = new Workbook(out, "Shouwang", "1.0");
			Worksheet ws = wb.newWorksheet("台账");
			ws.value(0, 0, "朝阳街道XX社区实有人口台账");
			int width = 0;
			for (String h : HEADER) {
				if (full || !(h.equals("序号") || h.equals("性别") || h.equals("出生日期"))) {
					ws.value(1, width++, h);
				}
			}
			ws.range(0, 0, 0, width - 1).merge();
			for (int p = 0; p < persons; p++) {
				int r = p + 2;
				int c = 0;
				int household = p / 3;
				if (full) {
					ws.value(r, c++, p + 1);
				}
				ws.value(r, c++, name(p));
				String id = id(p);
				ws.value(r, c++, id);
				ws.value(r, c++, 13_800_000_000L + p);
				if (full) {
					ws.value(r, c++, (id.charAt(16) - '0') % 2 == 1 ? "男" : "女");
					ws.value(r, c, ChineseIdNumber.birthDateOf(id).orElseThrow());
					ws.style(r, c++).format("yyyy-mm-dd").set();
				}
				ws.value(r, c++, "XX社区");
				ws.value(r, c++, "第" + (household % 12 + 1) + "网格");
				if (p % 3 == 0) {
					ws.value(r, c, (household / 40 + 1) + "号楼");
					ws.value(r, c + 1, String.valueOf(household / 10 % 4 + 1));
					ws.value(r, c + 2, String.valueOf(100 * (household % 10 / 2 + 1) + household % 2 + 1));
					if (p + 2 < persons) {
						for (int k = c; k <= c + 2; k++) {
							ws.range(r, k, r + 2, k).merge();
						}
					}
				}
				c += 3;
				ws.value(r, c++, RELATIONS[p % 3]);
				ws.value(r, c++, TYPES[household % TYPES.length]);
				if (p % 17 == 0) {
					ws.value(r, c, "独居老人、慢性病");
				}
				if (r % 10_000 == 0) {
					ws.flush();
				}
			}
			wb.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
