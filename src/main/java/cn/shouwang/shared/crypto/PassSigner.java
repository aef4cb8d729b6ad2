package cn.shouwang.shared.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signs and verifies pass (出入证) codes with Ed25519, so that a guard's phone or a scanning
 * device verifies a code offline with the public key alone: it can refuse a forged or altered
 * code without ever holding a secret (an HMAC key on every guard's phone would let anyone who
 * copies it forge passes). See docs/adr/0007-passes.md.
 * <p>
 * A code is {@code SWP2.} followed by base64url (no padding) of: version (1 byte, 2), pass id
 * (16), expiry in epoch seconds (4, unsigned), the 64-byte Ed25519 signature over those 21 bytes,
 * then a 16-byte tag: HMAC-SHA256 of the 85 bytes before it under a key only the server holds.
 * Devices check the signature with the public key and ignore the tag. The server checks the tag
 * alone: it covers every byte, the signature included, so a code whose tag verifies is byte for
 * byte one the server issued, and the HMAC costs microseconds where an Ed25519 verification costs
 * about 0.4 ms on a 2-core server (1,000 passages a second would spend most of a core on it).
 * {@code SWP1.} codes (the same without the tag), already printed on cards, are still verified by
 * their signature. The keys are derived from the master key (the data directory's secret.key or
 * SHOUWANG_CRYPTO_KEY), so every node of a deployment signs alike and nothing new must be backed
 * up. The arithmetic is Bouncy Castle's RFC 8032 code (the JDK provider's took three times as long).
 */
public final class PassSigner {

	public static final String PREFIX = "SWP2.";

	/** Codes issued before the server's tag, verified by their signature. */
	static final String PREFIX_V1 = "SWP1.";

	private static final byte VERSION = 2;

	private static final byte VERSION_1 = 1;

	private static final int BODY = 1 + 16 + 4;

	private static final int SIGNATURE = 64;

	private static final int TAG = 16;

	/** A verified code's content. */
	public record Pass(UUID id, Instant expiresAt) {
	}

	/** Why a code was refused: not a pass code at all, a bad signature, or past its expiry. */
	public enum Refusal {

		MALFORMED, FORGED, EXPIRED

	}

	/** Either the pass (with {@code refusal} EXPIRED when it is genuine but expired) or the refusal. */
	public record Verified(Pass pass, Refusal refusal) {

		public boolean ok() {
			return this.refusal == null;
		}

	}

	private final byte[] seed;

	/** The public key decoded once: verifying against it skips decompressing the point each time. */
	private final Ed25519.PublicPoint publicPoint;

	private final byte[] rawPublicKey;

	private final ThreadLocal<Mac> tagMac;

	public PassSigner(CryptoKeys keys) {
		this.seed = keys.passSeed();
		javax.crypto.spec.SecretKeySpec tagKey = keys.passTagKey();
		this.tagMac = ThreadLocal.withInitial(() -> {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(tagKey);
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		});
		this.rawPublicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
		Ed25519.generatePublicKey(this.seed, 0, this.rawPublicKey, 0);
		this.publicPoint = Ed25519.validatePublicKeyFullExport(this.rawPublicKey, 0);
		String check = sign(new UUID(0, 0), Instant.ofEpochSecond(1));
		byte[] checkBytes = Base64.getUrlDecoder().decode(check.substring(PREFIX.length()));
		if (!Ed25519.verify(checkBytes, BODY, this.publicPoint, checkBytes, 0, BODY) || !verify(check, Instant.EPOCH).ok()) {
			throw new IllegalStateException("The pass signing key does not verify its own signature");
		}
	}

	/** The raw 32-byte public key, base64url without padding, as devices import it (WebCrypto "raw"). */
	public String publicKey() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(this.rawPublicKey);
	}

	public String sign(UUID id, Instant expiresAt) {
		long seconds = expiresAt.getEpochSecond();
		if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
			throw new IllegalArgumentException("expiry out of range: " + expiresAt);
		}
		ByteBuffer buf = ByteBuffer.allocate(BODY + SIGNATURE + TAG);
		buf.put(VERSION).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).putInt((int) seconds);
		byte[] bytes = buf.array();
		Ed25519.sign(this.seed, 0, bytes, 0, BODY, bytes, BODY);
		System.arraycopy(tag(bytes), 0, bytes, BODY + SIGNATURE, TAG);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The server's tag of a code's first 85 bytes (version, id, expiry and signature). */
	private byte[] tag(byte[] bytes) {
		Mac mac = this.tagMac.get();
		mac.update(bytes, 0, BODY + SIGNATURE);
		return java.util.Arrays.copyOf(mac.doFinal(), TAG);
	}

	/** Checks form, signature and expiry, in that order: an expired code is named only when genuine. */
	public Verified verify(String code, Instant now) {
		if (code == null) {
			return new Verified(null, Refusal.MALFORMED);
		}
		String c = code.strip();
		boolean tagged = c.startsWith(PREFIX);
		if (!tagged && !c.startsWith(PREFIX_V1)) {
			return new Verified(null, Refusal.MALFORMED);
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(c.substring(PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return new Verified(null, Refusal.MALFORMED);
		}
		if (bytes.length != BODY + SIGNATURE + (tagged ? TAG : 0)) {
			return new Verified(null, Refusal.MALFORMED);
		}
		boolean genuine = tagged
				? MessageDigest.isEqual(tag(bytes), java.util.Arrays.copyOfRange(bytes, BODY + SIGNATURE, BODY + SIGNATURE + TAG))
						&& bytes[0] == VERSION
				: Ed25519.verify(bytes, BODY, this.publicPoint, bytes, 0, BODY) && bytes[0] == VERSION_1;
		if (!genuine) {
			return new Verified(null, Refusal.FORGED);
		}
		ByteBuffer buf = ByteBuffer.wrap(bytes, 1, BODY - 1);
		Pass pass = new Pass(new UUID(buf.getLong(), buf.getLong()), Instant.ofEpochSecond(Integer.toUnsignedLong(buf.getInt())));
		return now.isBefore(pass.expiresAt()) ? new Verified(pass, null) : new Verified(pass, Refusal.EXPIRED);
	}

}
