package cn.shouwang.shared.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CryptoKitTest {

	private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	private final CryptoKeys keys = CryptoKeys.fromBase64(KEY);

	private final FieldCipher cipher = new FieldCipher(this.keys);

	private final BlindIndex index = new BlindIndex(this.keys);

	@Test
	void encryptsWithAFreshIvEachTimeAndDecryptsBack() {
		byte[] a = this.cipher.encrypt("11010519491231002X");
		byte[] b = this.cipher.encrypt("11010519491231002X");
		assertThat(a).isNotEqualTo(b);
		assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("11010519491231002X");
		assertThat(this.cipher.decrypt(a)).isEqualTo("11010519491231002X");
		assertThat(this.cipher.decrypt(b)).isEqualTo("11010519491231002X");
		assertThat(this.cipher.encrypt(null)).isNull();
	}

	@Test
	void aTamperedValueOrAnotherKeyCannotBeRead() {
		byte[] sealed = this.cipher.encrypt("13812345678");
		sealed[sealed.length - 1] ^= 1;
		assertThatThrownBy(() -> this.cipher.decrypt(sealed)).isInstanceOf(IllegalStateException.class);
		FieldCipher other = new FieldCipher(CryptoKeys.fromBase64("HxAREhMUFRYXGBkaGxwdHh8AAQIDBAUGBwgJCgsMDQ4="));
		assertThatThrownBy(() -> other.decrypt(this.cipher.encrypt("x"))).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void theBlindIndexMatchesEqualValuesWhateverTheirSpelling() {
		assertThat(this.index.idNumber("11010519491231002x")).isEqualTo(this.index.idNumber(" 11010519491231002X "));
		assertThat(this.index.phone("+86 138 1234 5678")).isEqualTo(this.index.phone("13812345678"));
		assertThat(this.index.phone("13812345678")).isNotEqualTo(this.index.phone("13812345679"));
		assertThat(this.index.idNumber("13812345678")).as("kinds are separated").isNotEqualTo(this.index.phone("13812345678"));
		BlindIndex otherKey = new BlindIndex(CryptoKeys.fromBase64("HxAREhMUFRYXGBkaGxwdHh8AAQIDBAUGBwgJCgsMDQ4="));
		assertThat(otherKey.phone("13812345678")).isNotEqualTo(this.index.phone("13812345678"));
	}

	@Test
	void masksAsPeopleExpect() {
		assertThat(Masking.idNumber("11010519491231002X")).isEqualTo("110***********002X");
		assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
		assertThat(Masking.name("张三")).isEqualTo("张*");
		assertThat(Masking.name("欧阳明月")).isEqualTo("欧**月");
		assertThat(Masking.phone("123")).isEqualTo("***");
		assertThat(Masking.phone(null)).isNull();
	}

	@Test
	void generatesAnOwnerOnlyKeyFileOnceAndReusesIt(@TempDir Path dir) throws Exception {
		CryptoKeys first = CryptoKeys.fromDataDirectory(dir);
		Path file = dir.resolve(CryptoKeys.KEY_FILE);
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		String content = Files.readString(file);
		CryptoKeys second = CryptoKeys.fromDataDirectory(dir);
		assertThat(Files.readString(file)).isEqualTo(content);
		assertThat(new FieldCipher(second).decrypt(new FieldCipher(first).encrypt("x"))).isEqualTo("x");
	}

	@Test
	void refusesAKeyOfTheWrongSize() {
		assertThatThrownBy(() -> CryptoKeys.fromBase64("AAEC")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("32 bytes");
		assertThatThrownBy(() -> CryptoKeys.fromBase64("not base64!")).isInstanceOf(IllegalStateException.class);
	}

}
