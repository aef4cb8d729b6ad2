package cn.shouwang.shared.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;

/**
 * Short signed tokens for things handed to people on paper or in a QR code (a household's
 * personal link; passes are signed with Ed25519 by {@link PassSigner} so devices verify them offline): the token carries a purpose, an id and an expiry, and an HMAC-SHA256
 * tag over them, so an altered, forged or reused-for-another-purpose token is refused without a
 * database read. Revocation is the caller's business (a row it checks after {@link #verify}).
 * <p>
 * Layout, base64url without padding (43 characters): purpose (1 byte), id (16), expiry in epoch
 * seconds (4, unsigned), tag (11 bytes, truncated HMAC: 88 bits, far beyond online guessing).
 */
public final class TokenSigner {

	/** What a token is for: a token of one purpose never verifies as another. */
	public enum Purpose {

		PERSONAL_LINK(1);

		private final byte code;

		Purpose(int code) {
			this.code = (byte) code;
		}

	}

	/** A verified token's content. */
	public record Token(Purpose purpose, UUID id, Instant expiresAt) {

		public boolean expiredAt(Instant now) {
			return !now.isBefore(this.expiresAt);
		}

	}

	/** Why a token was refused, for a message that tells the user what to do. */
	public enum Refusal {

		MALFORMED, TAMPERED, EXPIRED

	}

	/** Either a token or the reason it was refused. */
	public record Verified(Token token, Refusal refusal) {

		public boolean ok() {
			return this.token != null;
		}

	}

	private static final int BODY = 1 + 16 + 4;

	private static final int TAG = 11;

	private final ThreadLocal<Mac> macs;

	public TokenSigner(CryptoKeys keys) {
		this.macs = ThreadLocal.withInitial(() -> {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(keys.tokenKey());
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	public String sign(Purpose purpose, UUID id, Instant expiresAt) {
		long seconds = expiresAt.getEpochSecond();
		if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
			throw new IllegalArgumentException("expiry out of range: " + expiresAt);
		}
		ByteBuffer buf = ByteBuffer.allocate(BODY + TAG);
		buf.put(purpose.code).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
		buf.putInt((int) seconds);
		byte[] bytes = buf.array();
		System.arraycopy(tag(bytes), 0, bytes, BODY, TAG);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Checks form, tag, purpose and expiry (in that order, so a forged token never learns more). */
	public Verified verify(Purpose expected, String token, Instant now) {
		if (token == null) {
			return new Verified(null, Refusal.MALFORMED);
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(token.strip());
		}
		catch (IllegalArgumentException ex) {
			return new Verified(null, Refusal.MALFORMED);
		}
		if (bytes.length != BODY + TAG) {
			return new Verified(null, Refusal.MALFORMED);
		}
		byte[] expectedTag = tag(bytes);
		if (!MessageDigest.isEqual(Arrays.copyOfRange(bytes, BODY, BODY + TAG), Arrays.copyOf(expectedTag, TAG))
				|| bytes[0] != expected.code) {
			return new Verified(null, Refusal.TAMPERED);
		}
		ByteBuffer buf = ByteBuffer.wrap(bytes, 1, BODY - 1);
		UUID id = new UUID(buf.getLong(), buf.getLong());
		Instant expires = Instant.ofEpochSecond(Integer.toUnsignedLong(buf.getInt()));
		Token t = new Token(expected, id, expires);
		return t.expiredAt(now) ? new Verified(null, Refusal.EXPIRED) : new Verified(t, null);
	}

	/** The id of a token whose tag holds, even when expired: to name the expired link to its owner. */
	public Optional<Token> readEvenIfExpired(Purpose expected, String token) {
		Verified v = verify(expected, token, Instant.EPOCH);
		return Optional.ofNullable(v.token());
	}

	private byte[] tag(byte[] bytes) {
		Mac mac = this.macs.get();
		mac.reset();
		mac.update(bytes, 0, BODY);
		return mac.doFinal();
	}

}
