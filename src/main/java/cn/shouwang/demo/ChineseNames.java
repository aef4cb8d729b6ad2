package cn.shouwang.demo;

import java.time.LocalDate;
import java.util.random.RandomGenerator;

import cn.shouwang.shared.ChineseIdNumber;

/** Plausible Chinese names, ID numbers, phones and places for demo data. */
final class ChineseNames {

	private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

	private static final String[] COMPOUND_SURNAMES = { "欧阳", "司马", "上官", "诸葛", "东方" };

	private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽";

	static final String[] REGION_CODES = { "110109", "110102", "110105", "110108", "130102", "130602", "140105",
			"370102", "410105", "420102", "510104", "210102", "230102", "320102" };

	private ChineseNames() {
	}

	static String name(RandomGenerator random) {
		StringBuilder sb = new StringBuilder(4);
		if (random.nextInt(200) == 0) {
			sb.append(COMPOUND_SURNAMES[random.nextInt(COMPOUND_SURNAMES.length)]);
		}
		else {
			// the first surnames of the list are far more common, as in life
			int idx = (int) Math.min(SURNAMES.length() - 1, Math.abs(random.nextGaussian()) * 25);
			sb.append(SURNAMES.charAt(idx));
		}
		sb.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
		if (random.nextInt(10) < 7) {
			sb.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
		}
		return sb.toString();
	}

	static String idNumber(RandomGenerator random, String region, LocalDate birth, char sex) {
		return idNumber(random, region, birth, sex, null);
	}

	/**
	 * An ID number whose region, birth date and sequence no other generated person has: the
	 * sequence moves on (keeping its parity, so the sex stays) until the key is new in {@code taken}.
	 */
	static String idNumber(RandomGenerator random, String region, LocalDate birth, char sex, java.util.Set<Long> taken) {
		int seq = random.nextInt(500) * 2 + (sex == 'M' ? 1 : 0);
		if (taken != null) {
			long base = (Long.parseLong(region) * 100_000L + (birth.toEpochDay() + 40_000)) * 1000L;
			for (int tries = 0; !taken.add(base + seq); tries++) {
				if (tries > 500) {
					throw new IllegalStateException("no free ID sequence for " + region + " " + birth);
				}
				seq = (seq + 2) % 1000;
			}
		}
		String first17 = region + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
				+ String.format("%03d", seq);
		return first17 + ChineseIdNumber.checkCharacter(first17);
	}

	static String mobile(RandomGenerator random) {
		String[] prefixes = { "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
				"156", "157", "158", "159", "166", "176", "177", "180", "181", "185", "186", "187", "188", "189", "199" };
		return prefixes[random.nextInt(prefixes.length)] + String.format("%08d", random.nextInt(100_000_000));
	}

	static final String[] STREETS = { "大峪街道", "城子街道", "东辛房街道", "大台街道", "王平镇", "永定镇", "龙泉镇", "潭柘寺镇",
			"军庄镇", "妙峰山镇", "雁翅镇", "斋堂镇", "清水镇" };

	private static final String COMMUNITY_HEADS = "百园金顶新桥峪园东山西山滨河向阳光明和平幸福福寿长安兴隆丰台双峪龙门黑山月季惠民文化育新承泽桃园梨园杏园桥东桥西南路北岭";

	static String community(int index) {
		String base = COMMUNITY_HEADS;
		int n = base.length() / 2;
		String head = base.substring((index % n) * 2, (index % n) * 2 + 2);
		int round = index / n;
		return head + (round == 0 ? "" : numeral(round + 1)) + "社区";
	}

	private static String numeral(int n) {
		String[] digits = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
		return n <= 10 ? digits[n] : "十" + digits[n - 10];
	}

}
