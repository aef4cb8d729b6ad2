package cn.shouwang.shared;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChineseIdNumberTest {

	@Test
	void acceptsANumberWithTheRightCheckCharacter() {
		// the GB 11643 worked example
		assertThat(ChineseIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
		assertThat(ChineseIdNumber.problem("11010519491231002X")).isEmpty();
		assertThat(ChineseIdNumber.problem("11010519491231002x")).as("lower-case x").isEmpty();
	}

	@Test
	void derivesBirthDateAndSex() {
		assertThat(ChineseIdNumber.birthDateOf("11010519491231002X")).contains(LocalDate.of(1949, 12, 31));
		assertThat(ChineseIdNumber.sexOf("11010519491231002X")).isEqualTo('F');
		String man = "11010519800101001";
		man = man + ChineseIdNumber.checkCharacter(man);
		assertThat(ChineseIdNumber.sexOf(man)).isEqualTo('M');
	}

	@Test
	void namesWhatIsWrong() {
		assertThat(ChineseIdNumber.problem("")).contains(ChineseIdNumber.Problem.EMPTY);
		assertThat(ChineseIdNumber.problem("1.10101E+17")).contains(ChineseIdNumber.Problem.SCIENTIFIC_NOTATION);
		assertThat(ChineseIdNumber.problem("110105194912310000")).contains(ChineseIdNumber.Problem.PRECISION_LOST);
		assertThat(ChineseIdNumber.problem("1101051949123100")).contains(ChineseIdNumber.Problem.LENGTH);
		assertThat(ChineseIdNumber.problem("11010519491231A02X")).contains(ChineseIdNumber.Problem.CHARACTERS);
		assertThat(ChineseIdNumber.problem("110105194902300021")).contains(ChineseIdNumber.Problem.BIRTH_DATE);
		assertThat(ChineseIdNumber.problem("110105194912310021")).contains(ChineseIdNumber.Problem.CHECK_DIGIT);
	}

}
