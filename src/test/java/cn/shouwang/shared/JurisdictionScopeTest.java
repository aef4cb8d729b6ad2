package cn.shouwang.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JurisdictionScopeTest {

	private final JurisdictionScope scope = JurisdictionScope.of("/1/4/");

	@Test
	void theRangeHoldsEveryDescendantAndNothingElse() {
		for (String inside : new String[] { "/1/4/", "/1/4/27/", "/1/4/9999/12/" }) {
			assertThat(inside.compareTo(this.scope.lower()) >= 0 && inside.compareTo(this.scope.upper()) < 0)
				.as(inside)
				.isTrue();
			assertThat(this.scope.contains(inside)).isTrue();
		}
		for (String outside : new String[] { "/1/", "/1/40/", "/1/41/2/", "/1/5/", "/1/3/99/", "/2/4/" }) {
			assertThat(outside.compareTo(this.scope.lower()) >= 0 && outside.compareTo(this.scope.upper()) < 0)
				.as(outside)
				.isFalse();
			assertThat(this.scope.contains(outside)).isFalse();
		}
	}

	@Test
	void theCoveringScopeIsTheDeepestNodeAllPathsShareByWholeSegments() {
		assertThat(JurisdictionScope.covering(java.util.List.of("/1/4/27/", "/1/4/28/3/")))
			.containsExactly(JurisdictionScope.of("/1/4/"));
		// "/1/4" is a prefix of "/1/40/" as text, not as a path
		assertThat(JurisdictionScope.covering(java.util.List.of("/1/4/27/", "/1/40/2/")))
			.containsExactly(JurisdictionScope.of("/1/"));
		assertThat(JurisdictionScope.covering(java.util.List.of("/1/4/27/", "/1/4/27/")))
			.containsExactly(JurisdictionScope.of("/1/4/27/"));
		assertThat(JurisdictionScope.covering(java.util.List.of("/1/4/", "/1/4/27/9/")))
			.containsExactly(JurisdictionScope.of("/1/4/"));
		assertThat(JurisdictionScope.covering(java.util.List.of("/1/4/27/", "/2/5/", "/2/5/6/")))
			.containsExactlyInAnyOrder(JurisdictionScope.of("/1/4/27/"), JurisdictionScope.of("/2/5/"));
		assertThat(JurisdictionScope.covering(java.util.List.of())).isEmpty();
		assertThatThrownBy(() -> JurisdictionScope.covering(java.util.List.of("/1/4"))).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void refusesAnythingThatIsNotAPath() {
		assertThatThrownBy(() -> JurisdictionScope.of("/1/4")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> JurisdictionScope.of("/1/' or 1=1 --/")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> JurisdictionScope.of("")).isInstanceOf(IllegalArgumentException.class);
	}

}
