package cn.shouwang.shared.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

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

	private final PrivateKey privateKey;

	private final PublicKey publicKey;

	private final byte[] rawPublicKey;

	public PassSigner(CryptoKeys keys) {
		byte[] seed = keys.passSeed();
		try {
			this.privateKey = KeyFactory.getInstance("Ed25519")
				.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
			// the JDK has no call from private to public key; its generator, fed the seed as its
			// randomness, computes exactly that public key
			KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
			generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
			this.publicKey = generator.generateKeyPair().getPublic();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 is not available in this JDK", ex);
		}
		byte[] encoded = this.publicKey.getEncoded();
		// X.509 SubjectPublicKeyInfo of Ed25519: a 12-byte header, then the 32 raw bytes
		this.rawPublicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
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
		try {
			Signature s = Signature.getInstance("Ed25519");
			s.initSign(this.privateKey);
			s.update(bytes, 0, BODY);
			System.arraycopy(s.sign(), 0, bytes, BODY, SIGNATURE);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
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
		boolean genuine;
		try {
			Signature s = Signature.getInstance("Ed25519");
			s.initVerify(this.publicKey);
			s.update(bytes, 0, BODY);
			genuine = s.verify(Arrays.copyOfRange(bytes, BODY, BODY + SIGNATURE));
		}
		catch (GeneralSecurityException ex) {
			genuine = false;
		}
		if (!genuine || bytes[0] != VERSION) {
			return new Verified(null, Refusal.FORGED);
		}
		ByteBuffer buf = ByteBuffer.wrap(bytes, 1, BODY - 1);
		Pass pass = new Pass(new UUID(buf.getLong(), buf.getLong()), Instant.ofEpochSecond(Integer.toUnsignedLong(buf.getInt())));
		return now.isBefore(pass.expiresAt()) ? new Verified(pass, null) : new Verified(pass, Refusal.EXPIRED);
	}

	/** Hands out the seed as the generator's randomness (only inside the constructor). */
	private static final class FixedRandom extends SecureRandom {

		private static final long serialVersionUID = 1L;

		private final byte[] bytes;

		FixedRandom(byte[] bytes) {
			this.bytes = bytes;
		}

		@Override
		public void nextBytes(byte[] out) {
			if (out.length != this.bytes.length) {
				throw new IllegalStateException("unexpected request for " + out.length + " random bytes");
			}
			System.arraycopy(this.bytes, 0, out, 0, out.length);
		}

	}

}
