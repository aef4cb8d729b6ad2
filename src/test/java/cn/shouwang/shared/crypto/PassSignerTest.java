package cn.shouwang.shared.crypto;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import cn.shouwang.shared.crypto.PassSigner.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PassSignerTest {

	private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");

	private final PassSigner signer = new PassSigner(CryptoKeys.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));

	@Test
	void aSignedCodeVerifiesAndCarriesItsIdAndExpiry() {
		UUID id = UUID.randomUUID();
		String code = this.signer.sign(id, NOW.plusSeconds(3600));
		assertThat(code).startsWith("SWP2.").hasSize(5 + 135).matches("SWP2\\.[A-Za-z0-9_-]+");
		PassSigner.Verified v = this.signer.verify(code, NOW);
		assertThat(v.ok()).isTrue();
		assertThat(v.pass().id()).isEqualTo(id);
		assertThat(v.pass().expiresAt()).isEqualTo(NOW.plusSeconds(3600));
	}

	@Test
	void anyChangedBitIsRefusedAsForged() {
		String code = this.signer.sign(UUID.randomUUID(), NOW.plusSeconds(60));
		byte[] bytes = Base64.getUrlDecoder().decode(code.substring(5));
		for (int i = 0; i < bytes.length; i++) {
			byte[] altered = bytes.clone();
			altered[i] ^= 0x01;
			String forged = "SWP2." + Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
			assertThat(this.signer.verify(forged, NOW).refusal()).as("byte %d", i).isEqualTo(Refusal.FORGED);
		}
	}

	@Test
	void aCodeSignedWithAnotherKeyIsForgedAndTheKeyIsStablePerMasterKey() {
		PassSigner other = new PassSigner(CryptoKeys.fromBase64("ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA="));
		assertThat(this.signer.verify(other.sign(UUID.randomUUID(), NOW.plusSeconds(60)), NOW).refusal())
			.isEqualTo(Refusal.FORGED);
		assertThat(new PassSigner(CryptoKeys.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")).publicKey())
			.isEqualTo(this.signer.publicKey())
			.isNotEqualTo(other.publicKey());
	}

	@Test
	void theServedPublicKeyAloneVerifiesACode() throws Exception {
		String code = this.signer.sign(UUID.randomUUID(), NOW.plusSeconds(60));
		byte[] bytes = Base64.getUrlDecoder().decode(code.substring(5));
		byte[] raw = Base64.getUrlDecoder().decode(this.signer.publicKey());
		assertThat(raw).hasSize(32);
		byte[] x509 = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
		Signature s = Signature.getInstance("Ed25519");
		s.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509)));
		s.update(bytes, 0, 21);
		assertThat(s.verify(java.util.Arrays.copyOfRange(bytes, 21, 85))).isTrue();
	}

	@Test
	void theServerTrustsItsTagOnlyOverTheWholeSignedCode() throws Exception {
		UUID id = UUID.randomUUID();
		byte[] bytes = Base64.getUrlDecoder().decode(this.signer.sign(id, NOW.plusSeconds(60)).substring(5));
		// a tag recomputed over an altered signature without the server's key: forged
		byte[] altered = bytes.clone();
		altered[30] ^= 0x40;
		javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
		mac.init(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
		mac.update(altered, 0, 85);
		System.arraycopy(mac.doFinal(), 0, altered, 85, 16);
		assertThat(this.signer.verify("SWP2." + Base64.getUrlEncoder().withoutPadding().encodeToString(altered), NOW)
			.refusal()).isEqualTo(Refusal.FORGED);
		// a tagged code cut down to the old layout is neither
		assertThat(this.signer.verify("SWP2." + Base64.getUrlEncoder().withoutPadding()
			.encodeToString(java.util.Arrays.copyOf(bytes, 85)), NOW).refusal()).isEqualTo(Refusal.MALFORMED);
	}

	@Test
	void codesPrintedBeforeTheTagAreStillVerifiedByTheirSignature() {
		UUID id = UUID.randomUUID();
		byte[] bytes = Base64.getUrlDecoder().decode(this.signer.sign(id, NOW.plusSeconds(60)).substring(5));
		byte[] v1 = java.util.Arrays.copyOf(bytes, 85);
		v1[0] = 1;
		// a version-1 code is the same 21 bytes with version 1, signed; re-sign it as the old code did
		org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seedOf(), 0, v1, 0, 21, v1, 21);
		PassSigner.Verified v = this.signer.verify("SWP1." + Base64.getUrlEncoder().withoutPadding().encodeToString(v1), NOW);
		assertThat(v.ok()).isTrue();
		assertThat(v.pass().id()).isEqualTo(id);
		v1[40] ^= 0x01;
		assertThat(this.signer.verify("SWP1." + Base64.getUrlEncoder().withoutPadding().encodeToString(v1), NOW).refusal())
			.isEqualTo(Refusal.FORGED);
	}

	private static byte[] seedOf() {
		return CryptoKeys.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=").passSeed();
	}

	@Test
	void anExpiredGenuineCodeIsNamedExpiredWithItsId() {
		UUID id = UUID.randomUUID();
		String code = this.signer.sign(id, NOW);
		assertThat(this.signer.verify(code, NOW.minusSeconds(1)).ok()).isTrue();
		PassSigner.Verified v = this.signer.verify(code, NOW);
		assertThat(v.refusal()).isEqualTo(Refusal.EXPIRED);
		assertThat(v.pass().id()).isEqualTo(id);
	}

	@Test
	void garbageIsMalformed() {
		assertThat(this.signer.verify(null, NOW).refusal()).isEqualTo(Refusal.MALFORMED);
		assertThat(this.signer.verify("", NOW).refusal()).isEqualTo(Refusal.MALFORMED);
		assertThat(this.signer.verify("SWP1.not a code!", NOW).refusal()).isEqualTo(Refusal.MALFORMED);
		assertThat(this.signer.verify("SWP1.abc", NOW).refusal()).isEqualTo(Refusal.MALFORMED);
		assertThat(this.signer.verify("SWP2.abc", NOW).refusal()).isEqualTo(Refusal.MALFORMED);
	}

}
