package cn.shouwang.shared.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;

import javax.crypto.Mac;

/**
 * Keyed hash (HMAC-SHA256) of a normalised value, stored beside the ciphertext so an exact lookup
 * ("who has this ID number?") is an index probe without decrypting anything. Without the key the
 * hash cannot be reversed or recomputed from a guessed ID number.
 */
public final class BlindIndex {

	private final CryptoKeys keys;

	private final ThreadLocal<Mac> macs;

	public BlindIndex(CryptoKeys keys) {
		this.keys = keys;
		this.macs = ThreadLocal.withInitial(() -> {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(this.keys.blindIndexKey());
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/** Index of an ID number: trimmed, upper case (the check digit X). */
	public byte[] idNumber(String value) {
		return value == null ? null : hash("id:" + value.trim().toUpperCase(Locale.ROOT));
	}

	/** Index of a phone number: digits only, without a leading +86. */
	public byte[] phone(String value) {
		if (value == null) {
			return null;
		}
		String digits = value.replaceAll("\\D", "");
		if (digits.startsWith("86") && digits.length() == 13) {
			digits = digits.substring(2);
		}
		return hash("phone:" + digits);
	}

	private byte[] hash(String normalised) {
		Mac mac = this.macs.get();
		mac.reset();
		return mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
	}

}
