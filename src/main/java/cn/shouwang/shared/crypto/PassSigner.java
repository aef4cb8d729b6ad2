package cn.shouwang.shared.crypto;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signs and verifies pass (出入证) codes with Ed25519, so that a guard's phone or a scanning
 * device verifies a code offline with the public key alone: it can refuse a forged or altered
 * code without ever holding a secret (an HMAC key on every guard's phone would let anyone who
 * copies it forge passes). See docs/adr/0007-passes.md.
 * <p>
 * A code is {@code SWP1.} followed by base64url (no padding) of: version (1 byte, 1), pass id
 * (16), expiry in epoch seconds (4, unsigned), then the 64-byte Ed25519 signature over those 21
 * bytes. The private key is derived from the master key (the data directory's secret.key or
 * SHOUWANG_CRYPTO_KEY), so every node of a deployment signs alike and nothing new must be backed up.
 * <p>
 * The arithmetic is Bouncy Castle's RFC 8032 code rather than the JDK's provider: the same
 * deterministic signatures, but a verification costs about a tenth (the JDK's took over a
 * millisecond, which alone capped a 2-core server's gates near 1,500 passages a second).
 */
public final class PassSigner {

	public static final String PREFIX = "SWP1.";

	private static final byte VERSION = 1;

	private static final int BODY = 1 + 16 + 4;

	private static final int SIGNATURE = 64;

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

	public PassSigner(CryptoKeys keys) {
		this.seed = keys.passSeed();
		this.rawPublicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
		Ed25519.generatePublicKey(this.seed, 0, this.rawPublicKey, 0);
		this.publicPoint = Ed25519.validatePublicKeyFullExport(this.rawPublicKey, 0);
		String check = sign(new UUID(0, 0), Instant.ofEpochSecond(1));
		if (!verify(check, Instant.EPOCH).ok()) {
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
		ByteBuffer buf = ByteBuffer.allocate(BODY + SIGNATURE);
		buf.put(VERSION).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).putInt((int) seconds);
		byte[] bytes = buf.array();
		Ed25519.sign(this.seed, 0, bytes, 0, BODY, bytes, BODY);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Checks form, signature and expiry, in that order: an expired code is named only when genuine. */
	public Verified verify(String code, Instant now) {
		if (code == null) {
			return new Verified(null, Refusal.MALFORMED);
		}
		String c = code.strip();
		if (!c.startsWith(PREFIX)) {
			return new Verified(null, Refusal.MALFORMED);
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(c.substring(PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return new Verified(null, Refusal.MALFORMED);
		}
		if (bytes.length != BODY + SIGNATURE) {
			return new Verified(null, Refusal.MALFORMED);
		}
		if (!Ed25519.verify(bytes, BODY, this.publicPoint, bytes, 0, BODY) || bytes[0] != VERSION) {
			return new Verified(null, Refusal.FORGED);
		}
		ByteBuffer buf = ByteBuffer.wrap(bytes, 1, BODY - 1);
		Pass pass = new Pass(new UUID(buf.getLong(), buf.getLong()), Instant.ofEpochSecond(Integer.toUnsignedLong(buf.getInt())));
		return now.isBefore(pass.expiresAt()) ? new Verified(pass, null) : new Verified(pass, Refusal.EXPIRED);
	}

}
