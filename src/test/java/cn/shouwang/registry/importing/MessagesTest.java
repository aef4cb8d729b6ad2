package cn.shouwang.registry.importing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import cn.shouwang.registry.IdType;
import cn.shouwang.shared.ChineseIdNumber;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message key the library can produce is in both bundles, and formats. */
class MessagesTest {

	private static Properties load(String name) throws IOException {
		Properties p = new Properties();
		try (Reader r = Files.newBufferedReader(Path.of("src/main/resources", name), StandardCharsets.UTF_8)) {
			p.load(r);
		}
		return p;
	}

	private static Set<String> keysInSource() throws IOException {
		Set<String> keys = new TreeSet<>();
		Pattern literal = Pattern.compile("\"((?:import|idnumber)\\.[A-Za-z_.]+[A-Za-z_])\"");
		try (Stream<Path> files = Files.list(Path.of("src/main/java/cn/shouwang/registry/importing"))) {
			for (Path f : files.toList()) {
				Matcher m = literal.matcher(Files.readString(f));
				while (m.find()) {
					keys.add(m.group(1));
				}
			}
		}
		keys.remove("import.field.");
		for (Field f : Field.values()) {
			keys.add(f.messageKey());
		}
		for (ChineseIdNumber.Problem p : ChineseIdNumber.Problem.values()) {
			keys.add("idnumber." + p.name());
		}
		for (IdType t : IdType.values()) {
			keys.add(t.problem("?").orElseThrow());
		}
		keys.add("idnumber.HMT_REGION");
		return keys;
	}

	@Test
	void everyKeyIsInBothLanguagesAndFormats() throws IOException {
		Set<String> keys = keysInSource();
		assertThat(keys).contains("import.tooLarge", "import.row.merged", "import.field.NAME", "import.reasonColumn");
		for (String bundle : new String[] { "messages.properties", "messages_en.properties" }) {
			Properties p = load(bundle);
			for (String key : keys) {
				assertThat(p.getProperty(key)).as("%s in %s", key, bundle).isNotBlank();
				String formatted = new MessageFormat(p.getProperty(key), Locale.ROOT)
					.format(new Object[] { "A", "B", "C", "D", "E" });
				assertThat(formatted).as("%s in %s", key, bundle).doesNotContain("{");
			}
		}
	}

	@Test
	void theExistingTreeImportMessagesAreLeftAsTheyWere() throws IOException {
		// Properties keeps the last of duplicate keys: the registry block must not redefine any
		for (String bundle : new String[] { "messages.properties", "messages_en.properties" }) {
			java.util.List<String> lines = Files.readAllLines(Path.of("src/main/resources", bundle));
			int block = lines.indexOf("# registry import");
			assertThat(block).isPositive();
			Set<String> before = new TreeSet<>();
			for (String l : lines.subList(0, block)) {
				if (l.contains("=") && !l.startsWith("#")) {
					before.add(l.substring(0, l.indexOf('=')).strip());
				}
			}
			for (String l : lines.subList(block + 1, lines.size())) {
				if (l.contains("=")) {
					assertThat(before).as(bundle).doesNotContain(l.substring(0, l.indexOf('=')).strip());
				}
			}
		}
	}

}
