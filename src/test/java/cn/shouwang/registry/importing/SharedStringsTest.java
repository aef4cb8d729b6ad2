package cn.shouwang.registry.importing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharedStringsTest {

	private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
			+ "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\" uniqueCount=\"4\">"
			+ "<si><t>姓名</t></si>" + "<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space=\"preserve\">三 </t></r>"
			+ "<rPh sb=\"0\" eb=\"1\"><t>ZHANG</t></rPh></si>" + "<si><t>第一行_x000D_\n第二行</t></si>" + "<si><t/></si></sst>";

	@Test
	void readsRichTextWithoutPhoneticGuidesInMemoryAndOnDisk() throws Exception {
		for (long size : new long[] { XML.length(), -1 }) {
			SharedStrings s = SharedStrings.read(new ByteArrayInputStream(XML.getBytes(StandardCharsets.UTF_8)), size);
			assertThat(s.size()).isEqualTo(4);
			assertThat(s.get(0)).isEqualTo("姓名");
			assertThat(s.get(1)).isEqualTo("张三 ");
			assertThat(s.get(2)).isEqualTo("第一行\r\n第二行");
			assertThat(s.get(3)).isEmpty();
			assertThat(s.get(1)).as("cached").isEqualTo("张三 ");
			assertThat(s.get(4)).isNull();
		}
	}

	@Test
	void manyStringsOnDisk() throws Exception {
		StringBuilder xml = new StringBuilder("<sst>");
		for (int i = 0; i < 50_000; i++) {
			xml.append("<si><t>居民").append(i).append("</t></si>");
		}
		xml.append("</sst>");
		SharedStrings s = SharedStrings.read(new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8)), -1);
		assertThat(s.size()).isEqualTo(50_000);
		assertThat(s.get(49_999)).isEqualTo("居民49999");
		assertThat(s.get(4096)).isEqualTo("居民4096");
		assertThat(s.get(0)).isEqualTo("居民0");
	}

	@Test
	void unescapesOnlyRealEscapes() {
		assertThat(SharedStrings.unescape("a_x0009_b")).isEqualTo("a\tb");
		assertThat(SharedStrings.unescape("file_x_name_xZZZZ_")).isEqualTo("file_x_name_xZZZZ_");
	}

}
