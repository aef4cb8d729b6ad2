package cn.shouwang.shared.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key and the keys derived from it: one for AES-GCM field encryption, one for the HMAC
 * blind index, one for signed tokens (personal links) and an Ed25519 seed for passes, so that a
 * leaked index or token key cannot decrypt anything.
 */
public final class CryptoKeys {

	private static final Logger log = LoggerFactory.getLogger(CryptoKeys.class);

	static final String KEY_FILE = "secret.key";

	private final SecretKeySpec encryptionKey;

	private final SecretKeySpec blindIndexKey;

	private final SecretKeySpec tokenKey;

	private final byte[] passSeed;

	private final SecretKeySpec passTagKey;

	private CryptoKeys(byte[] master) {
		if (master.length != 32) {
			throw new IllegalStateException("shouwang.crypto.key must be 32 bytes, base64-encoded (openssl rand -base64 32)");
		}
		this.encryptionKey = new SecretKeySpec(derive(master, "shouwang-field-encryption-v1"), "AES");
		this.blindIndexKey = new SecretKeySpec(derive(master, "shouwang-blind-index-v1"), "HmacSHA256");
		this.tokenKey = new SecretKeySpec(derive(master, "shouwang-token-signing-v1"), "HmacSHA256");
		this.passSeed = derive(master, "shouwang-pass-ed25519-v1");
		this.passTagKey = new SecretKeySpec(derive(master, "shouwang-pass-tag-v2"), "HmacSHA256");
	}

	public static CryptoKeys fromBase64(String base64) {
		try {
			return new CryptoKeys(Base64.getDecoder().decode(base64.trim()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("shouwang.crypto.key is not valid base64", ex);
		}
	}

	/** Reads the key file under the data directory, creating it (owner-only) on first start. */
	public static CryptoKeys fromDataDirectory(Path dataDir) {
		Path file = dataDir.resolve(KEY_FILE);
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(dataDir);
				byte[] key = new byte[32];
				new SecureRandom().nextBytes(key);
				Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
				try {
					Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
				}
				catch (UnsupportedOperationException ignored) {
					// not a POSIX file system; the operator protects the folder
				}
				log.warn("Generated a new field-encryption key in {}. Back it up: without it the encrypted ID numbers"
						+ " and phones cannot be read.", file.toAbsolutePath());
			}
			return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create " + file, ex);
		}
	}

	private static byte[] derive(byte[] master, String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(master, "HmacSHA256"));
			return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	SecretKeySpec encryptionKey() {
		return this.encryptionKey;
	}

	SecretKeySpec blindIndexKey() {
		return this.blindIndexKey;
	}

	SecretKeySpec tokenKey() {
		return this.tokenKey;
	}

	/** The 32-byte Ed25519 private key (seed) that signs passes; its public half goes to devices. */
	byte[] passSeed() {
		return this.passSeed.clone();
	}

	/** The key of the server's own tag on pass codes (never leaves the server). */
	SecretKeySpec passTagKey() {
		return this.passTagKey;
	}

}
