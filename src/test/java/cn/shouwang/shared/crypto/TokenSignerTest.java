package cn.shouwang.shared.crypto;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import cn.shouwang.shared.crypto.TokenSigner.Purpose;
import cn.shouwang.shared.crypto.TokenSigner.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSignerTest {

	private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");

	private final TokenSigner signer = new TokenSigner(CryptoKeys.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));

	@Test
	void aSignedTokenVerifiesAndCarriesItsIdAndExpiry() {
		UUID id = UUID.randomUUID();
		String token = this.signer.sign(Purpose.PERSONAL_LINK, id, NOW.plusSeconds(3600));
		assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
		TokenSigner.Verified v = this.signer.verify(Purpose.PERSONAL_LINK, token, NOW);
		assertThat(v.ok()).isTrue();
		assertThat(v.token().id()).isEqualTo(id);
		assertThat(v.token().expiresAt()).isEqualTo(NOW.plusSeconds(3600));
	}

	@Test
	void anyChangedCharacterIsRefusedAsTampered() {
		String token = this.signer.sign(Purpose.PERSONAL_LINK, UUID.randomUUID(), NOW.plusSeconds(60));
		byte[] bytes = Base64.getUrlDecoder().decode(token);
		for (int i = 0; i < bytes.length; i++) {
			byte[] altered = bytes.clone();
			altered[i] ^= 0x01;
			String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
			assertThat(this.signer.verify(Purpose.PERSONAL_LINK, forged, NOW).refusal()).as("byte %d", i).isEqualTo(Refusal.TAMPERED);
		}
	}

	@Test
	void aTokenForOnePurposeNeverPassesAsAnother() {
		byte[] link = Base64.getUrlDecoder().decode(this.signer.sign(Purpose.PERSONAL_LINK, UUID.randomUUID(), NOW.plusSeconds(60)));
		link[0] = 2;
		String other = Base64.getUrlEncoder().withoutPadding().encodeToString(link);
		assertThat(this.signer.verify(Purpose.PERSONAL_LINK, other, NOW).refusal()).isEqualTo(Refusal.TAMPERED);
	}

	@Test
	void aTokenSignedWithAnotherKeyIsRefused() {
		TokenSigner other = new TokenSigner(CryptoKeys.fromBase64("ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA="));
		String token = other.sign(Purpose.PERSONAL_LINK, UUID.randomUUID(), NOW.plusSeconds(60));
		assertThat(this.signer.verify(Purpose.PERSONAL_LINK, token, NOW).refusal()).isEqualTo(Refusal.TAMPERED);
	}

	@Test
	void anExpiredTokenIsRefusedAtItsExpiryButStillReadableToNameIt() {
		UUID id = UUID.randomUUID();
		String token = this.signer.sign(Purpose.PERSONAL_LINK, id, NOW);
		assertThat(this.signer.verify(Purpose.PERSONAL_LINK, token, NOW.minusSeconds(1)).ok()).isTrue();
		assertThat(this.signer.verify(Purpose.PERSONAL_LINK, token, NOW).refusal()).isEqualTo(Refusal.EXPIRED);
		assertThat(this.signer.readEvenIfExpired(Purpose.PERSONAL_LINK, token)).get().extracting(TokenSigner.Token::id).isEqualTo(id);
	}

	@Test
	void garbageIsMalformed() {
		assertThat(this.signer.verify(Purpose.PERSONAL_LINK, null, NOW).refusal()).isEqualTo(Refusal.MALFORMED);
		assertThat(this.signer.verify(Purpose.PERSONAL_LINK, "", NOW).refusal()).isEqualTo(Refusal.MALFORMED);
		assertThat(this.signer.verify(Purpose.PERSONAL_LINK, "not a token!", NOW).refusal()).isEqualTo(Refusal.MALFORMED);
		assertThat(this.signer.verify(Purpose.PERSONAL_LINK, "abc", NOW).refusal()).isEqualTo(Refusal.MALFORMED);
	}

}
